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
