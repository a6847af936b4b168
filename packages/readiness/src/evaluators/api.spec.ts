import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, context, makeService, writeConformance, writeLint } from '../../test/support.js';
import { makeProvenance } from '../provenance.js';
import { contractTests, idempotency, openapiPresent } from './api.js';

afterAll(cleanup);

describe('api gates from lint and conformance', () => {
  it('api.openapi_present follows the lint report: RED with the finding, GREEN when clean', async () => {
    const dir = await makeService({ 'openapi/svc.yaml': 'openapi: 3.1.0\n' });
    await writeLint(
      dir,
      [{ id: 'api.openapi_present', status: 'fail', errors: 1 }],
      [
        {
          gate: 'api.openapi_present',
          file: 'openapi/svc.yaml',
          line: 1,
          message: 'info is missing',
          rule: 'oas3-schema',
        },
      ],
    );
    const v = await openapiPresent(await context(dir));
    expect(v).toMatchObject({ status: 'RED', reason: 'lint: 1 error (openapi/svc.yaml:1 info is missing)' });
    await writeLint(dir, [{ id: 'api.openapi_present', status: 'pass' }]);
    expect((await openapiPresent(await context(dir))).reason).toBe('lint: 2 rules clean');
  });

  it('api.idempotency needs both: lint clean and conformance passing', async () => {
    const dir = await makeService({ 'openapi/svc.yaml': 'openapi: 3.1.0\n' });
    await writeLint(dir, [{ id: 'api.idempotency', status: 'pass' }]);
    const none = await idempotency(await context(dir));
    expect(none).toMatchObject({
      status: 'AMBER',
      reason: 'no conformance evidence: run `npx nx run svc:conformance`',
    });

    await writeConformance(dir, [
      { id: 'idempotency.replay', gate: 'api.idempotency', status: 'pass', detail: 'replayed' },
      {
        id: 'idempotency.concurrent',
        gate: 'api.idempotency',
        status: 'fail',
        detail: '2 resources',
        evidence: { curl: 'curl -X POST …' },
      },
    ]);
    const failed = await idempotency(await context(dir));
    expect(failed.status).toBe('RED');
    expect(failed.reason).toBe(
      'conformance: 1 check failed (idempotency.concurrent): 2 resources — reproduce: curl -X POST …',
    );
    expect(failed.evidence.map((e) => e.ref)).toContain('idempotency.concurrent');
  });

  it('treats old evidence as stale and evidence about other inputs as unverified (AMBER), even when it had passed', async () => {
    const dir = await makeService({ 'openapi/svc.yaml': 'openapi: 3.1.0\n' });
    await writeConformance(
      dir,
      [{ id: 'schema.no_5xx', gate: 'api.contract_tests', status: 'pass' }],
      new Date(Date.now() - 40 * 86_400_000),
    );
    const old = await contractTests(await context(dir));
    expect(old.status).toBe('AMBER');
    expect(old.reason).toMatch(
      /^conformance stale: the conformance run of .* is 40 days old \(max 30\) \(1\/1 passed then\)$/,
    );

    await writeConformance(dir, [{ id: 'schema.no_5xx', gate: 'api.contract_tests', status: 'pass' }]);
    expect(await contractTests(await context(dir))).toMatchObject({
      status: 'GREEN',
      reason: 'conformance: 1/1 checks passed',
    });
    // The spec changes after the run: the report judged other inputs.
    await writeFile(join(dir, 'openapi', 'svc.yaml'), 'openapi: 3.1.0\ninfo: { title: changed }\n');
    const changed = await contractTests(await context(dir));
    expect(changed).toMatchObject({ status: 'AMBER', code: 'UNVERIFIED_EVIDENCE' });
    expect(changed.reason).toMatch(
      /^unverified evidence: reports\/conformance\/conformance.json judged other inputs/,
    );
  });

  // Borrowed or hand-written evidence: a report of the right shape that does not prove it is about this service.
  it.each([
    ['without provenance (hand-written)', 'none', /records no provenance/],
    ['for another service', { service: 'billing' }, /is about service billing, not svc/],
    ['that did not judge the code', { inputs: ['openapi/svc.yaml'] }, /did not judge src\/app.ts/],
    ['with a made-up inputs hash', { inputsHash: 'sha256:00' }, /judged other inputs/],
  ] as const)('is AMBER "unverified evidence" for a passing report %s', async (_name, provenance, reason) => {
    const dir = await makeService({ 'openapi/svc.yaml': 'openapi: 3.1.0\n', 'src/app.ts': 'export {};\n' });
    const real = await makeProvenance(dir, 'svc', 'shipshape conformance', '0.1.0', [
      'openapi',
      'src',
      'migrations',
    ]);
    await writeConformance(
      dir,
      [{ id: 'schema.no_5xx', gate: 'api.contract_tests', status: 'pass' }],
      new Date(),
      provenance === 'none' ? 'none' : { ...real, ...provenance },
    );
    const v = await contractTests(await context(dir));
    expect(v).toMatchObject({ status: 'AMBER', code: 'UNVERIFIED_EVIDENCE' });
    expect(v.reason).toMatch(reason);
  });

  it('is AMBER when every check for the gate was skipped, with the skip reason', async () => {
    const dir = await makeService({});
    await writeConformance(
      dir,
      [{ id: 'schema.no_5xx', gate: 'api.contract_tests', status: 'skip', detail: 'read-only target' }],
      new Date(Date.now() + 1000),
    );
    const v = await contractTests(await context(dir));
    expect(v).toMatchObject({
      status: 'AMBER',
      reason: 'conformance: all 1 check skipped (schema.no_5xx: read-only target)',
    });
  });
});

describe('a saved lint report', () => {
  it('is used while its provenance (written by shipshape lint) holds, and linted again once an input changed', async () => {
    const { lintService, writeReports } = await import('@shipshape/lint');
    const dir = await makeService({
      'openapi/svc.yaml': 'openapi: 3.1.0\ninfo: { title: svc, version: 1.0.0 }\npaths: {}\n',
    });
    await writeReports(await lintService(dir), join(dir, 'reports', 'lint'));
    expect((await (await context(dir)).lint()).ref).toBe('reports/lint/lint.json');
    await writeFile(
      join(dir, 'openapi', 'svc.yaml'),
      'openapi: 3.1.0\ninfo: { title: changed, version: 1.0.0 }\npaths: {}\n',
    );
    expect((await (await context(dir)).lint()).ref).toBe('shipshape lint (run now)');
  });
});
