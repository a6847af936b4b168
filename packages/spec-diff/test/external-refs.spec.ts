import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { DiffInputError, diffTexts } from '../src/index.js';
import { fromDisk } from '../src/cli/inputs.js';
import { openapi, type Doc } from './documents.js';

let dir: string;
const write = (rel: string, doc: unknown) => writeFile(join(dir, rel), stringify(doc));
const order = (maxLength: number, at = '#') => ({
  Order: {
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'string', maxLength }, note: { $ref: `${at}/Note` } },
  },
  Note: { type: 'string' },
});
const spec = (ref: string): Doc => {
  const d = openapi();
  d.components.schemas.Order = { $ref: ref };
  return d;
};
const diffFiles = (a: string, b: string) =>
  diffTexts(stringify(spec(a === 'v1' ? './schemas/order.yaml#/Order' : a)), stringify(spec(b)), ['a', 'b'], {
    old: fromDisk(join(dir, 'old', 'api.yaml')),
    new: fromDisk(join(dir, 'new', 'api.yaml')),
  });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shipshape-refs-'));
  for (const side of ['old', 'new']) await mkdir(join(dir, side, 'schemas'), { recursive: true });
  await mkdir(join(dir, 'new', 'models'), { recursive: true });
  await write('old/schemas/order.yaml', order(36));
  await write('new/schemas/order.yaml', order(64));
  await write('new/models/all.yaml', { components: order(36, '#/components') });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('external $refs resolve relative to the file that holds them', () => {
  it('compares their content (a limit raised in a referenced file is a response break)', () => {
    const report = diffFiles('v1', './schemas/order.yaml#/Order');
    expect(report.changes.map((c) => [c.rule, c.pointer])).toEqual([
      ['response-limit-widened', '/components/schemas/Order/properties/id/maxLength'],
    ]);
  });

  it('a component moved to another file with identical content is no change (refs inside it resolve there)', () => {
    expect(diffFiles('v1', './models/all.yaml#/components/Order').changes).toEqual([]);
  });

  it('a missing referenced file cannot be compared (one line naming it)', () => {
    expect(() => diffFiles('v1', './schemas/missing.yaml#/Order')).toThrow(DiffInputError);
    expect(() => diffFiles('v1', './schemas/missing.yaml#/Order')).toThrow(/missing\.yaml/);
  });

  it('without a file to resolve against, external refs are compared as written', () => {
    const report = diffTexts(
      stringify(spec('./schemas/order.yaml#/Order')),
      stringify(spec('./schemas/order.yaml#/Order')),
    );
    expect(report.changes).toEqual([]);
  });
});
