import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codePrefix, ErrorRegistryError, loadErrorRegistry, standardRegistryEntries } from './registry.js';
import { standardErrorCodes } from './standard-codes.js';

let dir: string;
const expected = { org: 'acme', service: 'order-service' };

function document(
  overrides: Record<string, unknown> = {},
  extraCodes: Array<Record<string, unknown>> = [],
): { codes: Array<Record<string, unknown>> } & Record<string, unknown> {
  return {
    org: 'acme',
    service: 'order-service',
    codes: [
      ...standardRegistryEntries('acme', 'order-service').map(({ code, status, title, description }) => ({
        code,
        status,
        title,
        description,
      })),
      ...extraCodes,
    ],
    ...overrides,
  };
}

async function write(content: string) {
  await mkdir(join(dir, 'errors'), { recursive: true });
  await writeFile(join(dir, 'errors', 'error-codes.yaml'), content);
}

async function loadError(content: string): Promise<string> {
  await write(content);
  try {
    await loadErrorRegistry(dir, expected);
  } catch (error) {
    expect(error).toBeInstanceOf(ErrorRegistryError);
    expect((error as Error).message).not.toContain('\n');
    return (error as Error).message;
  }
  throw new Error('expected loadErrorRegistry to fail');
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shipshape-registry-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('error registry', () => {
  it('loads a valid registry and resolves short and full codes', async () => {
    await write(
      stringify(
        document({}, [
          {
            code: 'ACME.ORDER_SERVICE.ORDER_NOT_FOUND',
            status: 404,
            title: 'Order not found',
            type: 'https://docs.example/errors/onf',
          },
        ]),
      ),
    );
    const registry = await loadErrorRegistry(dir, expected);
    expect(codePrefix('acme', 'order-service')).toBe('ACME.ORDER_SERVICE');
    expect(registry.resolve('ORDER_NOT_FOUND')).toMatchObject({
      status: 404,
      type: 'https://docs.example/errors/onf',
    });
    expect(registry.resolve('ACME.ORDER_SERVICE.ORDER_NOT_FOUND')?.shortCode).toBe('ORDER_NOT_FOUND');
    expect(registry.resolve('VALIDATION_FAILED')?.type).toBe(
      'urn:problem-type:acme:order-service:validation-failed',
    );
    expect(registry.resolve('NOPE')).toBeUndefined();
    expect(registry.entries).toHaveLength(Object.keys(standardErrorCodes).length + 1);
  });

  it('a missing file is a start-up error naming it', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'shipshape-registry-empty-'));
    try {
      await expect(loadErrorRegistry(empty, expected)).rejects.toThrow(
        /errors\/error-codes.yaml: file not found$/,
      );
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('refuses invalid YAML', async () => {
    expect(await loadError('org: [unclosed')).toMatch(/not valid YAML/);
    expect(await loadError('org: a\norg: b\n')).toMatch(/not valid YAML/);
  });

  it('refuses a document that does not match the schema', async () => {
    expect(await loadError(stringify({ org: 'acme', service: 'order-service' }))).toMatch(
      /invalid: must have required property 'codes'/,
    );
    expect(await loadError(stringify(document({}, [{ code: 'acme.x', status: 404, title: 't' }])))).toMatch(
      /invalid at \/codes\/\d+\/code/,
    );
    expect(
      await loadError(stringify(document({}, [{ code: 'ACME.ORDER_SERVICE.X', status: 302, title: 't' }]))),
    ).toMatch(/status/);
  });

  it('refuses another service’s registry, foreign prefixes and duplicates', async () => {
    expect(await loadError(stringify(document({ service: 'payments' })))).toMatch(
      /service is "payments" but the service definition says "order-service"/,
    );
    expect(
      await loadError(stringify(document({}, [{ code: 'ACME.PAYMENTS.X', status: 400, title: 't' }]))),
    ).toMatch(/ACME.PAYMENTS.X does not start with ACME.ORDER_SERVICE./);
    expect(
      await loadError(
        stringify(document({}, [{ code: 'ACME.ORDER_SERVICE.NOT_FOUND', status: 404, title: 'again' }])),
      ),
    ).toMatch(/ACME.ORDER_SERVICE.NOT_FOUND is listed twice/);
  });

  it('every standard code must be present with its standard status', async () => {
    const doc = document();
    doc.codes = doc.codes.filter((c) => !String(c.code).endsWith('.RATE_LIMITED'));
    expect(await loadError(stringify(doc))).toMatch(
      /standard code ACME.ORDER_SERVICE.RATE_LIMITED is missing/,
    );
    const wrong = document();
    wrong.codes = wrong.codes.map((c) => (String(c.code).endsWith('.NOT_FOUND') ? { ...c, status: 410 } : c));
    expect(await loadError(stringify(wrong))).toMatch(
      /ACME.ORDER_SERVICE.NOT_FOUND must have status 404, not 410/,
    );
  });
});
