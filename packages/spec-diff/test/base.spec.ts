import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIO } from '@shipshape/cli-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { run } from '../src/cli.js';
import { asyncapi, openapi } from './documents.js';

/**
 * `shipshape diff --base <ref> <service-dir>` must say exactly what the file form says about the
 * same two versions: same changes, pointers, classes, downgrades; external $refs read at the ref.
 */
let root: string;
const svc = () => join(root, 'services', 'orders');
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], {
    cwd: root,
    stdio: 'pipe',
  }).toString();

const spec = () => {
  const d = openapi();
  d.components.schemas.Order = { $ref: './schemas/order.yaml#/Order' };
  return d;
};
const order = (maxLength: number, status: string[]) => ({
  Order: {
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'string', maxLength }, status: { type: 'string', enum: status } },
  },
});

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'shipshape-diff-base-'));
  await mkdir(join(svc(), 'openapi', 'schemas'), { recursive: true });
  await mkdir(join(svc(), 'asyncapi'), { recursive: true });
  await writeFile(join(svc(), 'openapi', 'orders.yaml'), stringify(spec()));
  await writeFile(join(svc(), 'openapi', 'schemas', 'order.yaml'), stringify(order(36, ['pending'])));
  await writeFile(join(svc(), 'asyncapi', 'orders.yaml'), stringify(asyncapi()));
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  // The change under review: in the referenced file and in the spec itself.
  await writeFile(
    join(svc(), 'openapi', 'schemas', 'order.yaml'),
    stringify(order(64, ['pending', 'shipped'])),
  );
  const changed = spec();
  changed.paths['/api/v1/orders'].get.parameters.pop();
  await writeFile(join(svc(), 'openapi', 'orders.yaml'), stringify(changed));
  await writeFile(
    join(svc(), 'shipshape.yaml'),
    stringify({
      descriptorVersion: 1,
      name: 'orders',
      diff: {
        downgrades: [
          { rule: 'response-enum-widened', to: 'warning', reason: 'clients map unknown statuses to "other"' },
        ],
      },
    }),
  );
  // The old version as files, for the file form.
  await mkdir(join(root, 'old', 'openapi', 'schemas'), { recursive: true });
  await writeFile(
    join(root, 'old', 'openapi', 'orders.yaml'),
    git('show', 'HEAD:services/orders/openapi/orders.yaml'),
  );
  await writeFile(
    join(root, 'old', 'openapi', 'schemas', 'order.yaml'),
    git('show', 'HEAD:services/orders/openapi/schemas/order.yaml'),
  );
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('--base <ref> <service-dir> behaves like the file form', () => {
  it('same changes, classes, pointers and downgrades; fragments are not compared as specs', async () => {
    const base = memoryIO({ cwd: root });
    const baseExit = await run(['--base', 'HEAD', 'services/orders', '--format', 'json'], base);
    const files = memoryIO({ cwd: root });
    const fileExit = await run(
      ['old/openapi/orders.yaml', 'services/orders/openapi/orders.yaml', '--format', 'json'],
      files,
    );
    const [openapiReport, asyncapiReport] = JSON.parse(base.stdout.join('\n'));
    expect(JSON.parse(base.stdout.join('\n')).map((r: { file: string }) => r.file)).toEqual([
      'services/orders/openapi/orders.yaml',
      'services/orders/asyncapi/orders.yaml',
    ]);
    const single = JSON.parse(files.stdout.join('\n'));
    expect(openapiReport.report).toEqual(single);
    expect(asyncapiReport.report.changes).toEqual([]);
    expect(baseExit).toBe(fileExit);
    expect(single.changes.map((c: { rule: string; class: string }) => [c.rule, c.class])).toEqual([
      ['parameter-removed', 'warning'],
      ['response-limit-widened', 'breaking'],
      ['response-enum-widened', 'warning'],
    ]);
    expect(single.changes[2].downgraded).toEqual({
      from: 'breaking',
      reason: 'clients map unknown statuses to "other"',
    });
    expect(baseExit).toBe(1);
  });

  it('the same text lines in both forms', async () => {
    const base = memoryIO({ cwd: root });
    await run(['--base', 'HEAD', 'services/orders'], base);
    const files = memoryIO({ cwd: root });
    await run(['old/openapi/orders.yaml', 'services/orders/openapi/orders.yaml'], files);
    expect(base.stdout).toEqual(files.stdout);
  });
});
