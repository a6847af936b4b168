import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintFixtureToken } from '../fixture/app.js';
import { startPrism, type RunningPrism } from '../fixture/prism.js';
import { runConformance, type Report } from '../src/index.js';

/**
 * The suite against a third-party mock no one here wrote: Stoplight Prism serving the fixture's
 * OpenAPI document. Prism answers from the document alone and keeps no state, so the checks that
 * need memory (tenancy, idempotency, delete) must fail, and the evidence must show why: the same
 * example body for every tenant and every key.
 */
const spec = fileURLToPath(new URL('../fixture/openapi.yaml', import.meta.url));
let prism: RunningPrism;
let report: Report;

beforeAll(async () => {
  prism = await startPrism(spec);
  report = await runConformance({
    url: prism.url,
    openapi: spec,
    tenants: [
      { id: 'tenant-a', token: await mintFixtureToken('tenant-a') },
      { id: 'tenant-b', token: await mintFixtureToken('tenant-b') },
    ],
  });
}, 120_000);
afterAll(async () => prism?.close());

const byId = (id: string) => report.checks.find((c) => c.id === id)!;

describe('the suite against Prism (a stateless mock)', () => {
  it('flags tenancy: B "reads" A\'s resource because the mock answers the example to everyone', () => {
    const read = byId('tenancy.read');
    expect(read.status).toBe('fail');
    expect(read.detail).toBe("B reading A's resource got 200, expected 404");
    expect(read.evidence!.tenant).toBe('tenant-b');
    expect(read.evidence!.response!.status).toBe(200);
    expect(byId('tenancy.list').status).toBe('fail');
    expect(byId('tenancy.delete').status).toBe('fail');
  });

  it('flags idempotency: a reused key with another payload is not remembered', () => {
    const mismatch = byId('idempotency.mismatch');
    expect(mismatch.status).toBe('fail');
    expect(mismatch.detail).toMatch(/answered 201, expected 422/);
    expect(byId('idempotency.tenant_scope').detail).toMatch(/received tenant tenant-a's replayed answer/);
  });

  it('flags a delete that does not delete', () => {
    expect(byId('schema.deleted_gone')).toMatchObject({
      status: 'fail',
      detail: 'after DELETE, GET answered 200',
    });
  });

  it('skips tracing with the reason: the mock shows no trace', () => {
    const tracing = report.checks.filter((c) => c.area === 'tracing');
    expect(tracing.every((c) => c.status === 'skip')).toBe(true);
    expect(tracing[0]!.detail).toBe(
      'the service shows no trace: no traceresponse header and no traceId in problem bodies',
    );
  });

  it('passes what a schema-driven mock does get right', () => {
    for (const id of [
      'schema.valid_accepted',
      'schema.invalid_rejected',
      'schema.no_5xx',
      'security.auth_required',
    ]) {
      expect(byId(id).status, id).toBe('pass');
    }
  });
});

/**
 * A third-party style OpenAPI 3.0 document (Swagger's Petstore, with a self-referencing schema, a
 * server base path, no version segment and a 201 without a body) served by Prism at the root: the
 * suite must run every check without crashing and say why it cannot judge what it cannot.
 */
describe('the suite against any OpenAPI 3.0 document (Petstore on Prism)', () => {
  const petstore = fileURLToPath(new URL('./specs/petstore-3.0.yaml', import.meta.url));
  let pets: Report;
  let server: RunningPrism;
  beforeAll(async () => {
    server = await startPrism(petstore);
    pets = await runConformance({
      url: server.url,
      openapi: petstore,
      config: { apiPrefix: '/pets', basePath: '' },
      tenants: [
        { id: 'a', token: 'opaque-token-a' },
        { id: 'b', token: 'opaque-token-b' },
      ],
    });
  }, 120_000);
  afterAll(async () => server?.close());

  const check = (id: string) => pets.checks.find((c) => c.id === id)!;

  it('runs every check without a crash', () => {
    expect(pets.checks).toHaveLength(report.checks.length);
    expect(pets.checks.filter((c) => c.detail.startsWith('check crashed'))).toEqual([]);
  });

  it('builds bodies from a self-referencing schema and sees them accepted and the invalid ones refused', () => {
    expect(check('schema.invalid_rejected').status).toBe('pass');
    expect(check('errors.schema_violation').status).toBe('pass');
  });

  it('says why it cannot judge what the service does not show', () => {
    expect(check('errors.unknown_version').detail).toBe(
      'the spec offers no way to provoke "unknown version"',
    );
    expect(check('idempotency.concurrent').detail).toBe(
      'a create answer names no id (no "id", no Location): creations cannot be counted',
    );
    expect(check('schema.valid_accepted').detail).toBe(
      'created, but neither a "id" member nor a Location header names it',
    );
  });

  it('treats operations without security as public, and flags that under the house rule only', () => {
    expect(check('security.auth_required').status).toBe('skip');
    expect(check('security.auth_required').detail).toBe(
      'no business operation declares security (security: [] or none): nothing owes a 401',
    );
    expect(check('security.auth_declared').status).toBe('fail');
    expect(check('security.auth_declared').profile).toBe('shipshape');
    expect(check('security.auth_declared').detail).toMatch(/^the spec declares no security on GET \/pets/);
  });
});
