import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, context, makeService } from '../../test/support.js';
import { makeProvenance } from '../provenance.js';
import { chaos, coverage, unitIntegration } from './tests.js';

afterAll(cleanup);

const junit = (tests: number, failures: number, extra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="vitest tests" tests="${tests}" failures="${failures}" errors="0" time="1.2">
  <testsuite name="test/things.spec.ts" tests="${tests}" failures="${failures}" errors="0" skipped="0">
    <testcase classname="test/things.spec.ts" name="creates a thing" time="0.1"/>
    ${failures ? '<testcase classname="test/things.spec.ts" name="lists things" time="0.1"><failure message="expected 2 to be 1"/></testcase>' : ''}
    ${extra}
  </testsuite>
</testsuites>
`;
const summary = (pct: number, branches = pct) =>
  JSON.stringify({
    total: { lines: { pct }, statements: { pct }, functions: { pct }, branches: { pct: branches } },
  });
const chaosReport = (scenarios: { id: string; status: string; detail?: string }[]) => ({ scenarios });

/** A service with src/ and test/, and these reports; `stamp` adds this service's provenance where the report needs it. */
async function service(files: Record<string, string | object>, stamp = true, readiness?: string) {
  const dir = await makeService({
    'src/app.ts': 'export {};\n',
    'test/app.spec.ts': 'it("x", () => {});\n',
    ...(readiness ? { 'readiness.yaml': readiness } : {}),
  });
  const provenance = await makeProvenance(dir, 'svc', 'vitest', '4.1.12', ['src', 'test']);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    const text =
      typeof content === 'string'
        ? content
        : JSON.stringify({ ...content, ...(stamp ? { provenance } : {}) });
    await writeFile(join(dir, path), text);
    if (stamp && typeof content === 'string' && path.startsWith('reports/'))
      await writeFile(join(dir, dirname(path), 'provenance.json'), JSON.stringify(provenance));
  }
  return context(dir);
}

describe('tests.unit_integration (JUnit)', () => {
  it('is GREEN for a passing run of this commit, RED with a failure, AMBER without results or tests', async () => {
    expect(await unitIntegration(await service({ 'reports/tests/junit.xml': junit(1, 0) }))).toMatchObject({
      status: 'GREEN',
      reason: '1 tests passed (reports/tests/junit.xml)',
    });
    expect(await unitIntegration(await service({ 'reports/tests/junit.xml': junit(2, 1) }))).toMatchObject({
      status: 'RED',
      reason: '1 test(s) failed: test/things.spec.ts lists things',
    });
    expect((await unitIntegration(await service({}))).status).toBe('AMBER');
    expect((await unitIntegration(await service({ 'reports/tests/junit.xml': junit(0, 0) }))).reason).toBe(
      'reports/tests/junit.xml has no test',
    );
  });

  it('is AMBER "unverified evidence" for a JUnit file nobody can tie to this service and commit', async () => {
    expect(
      await unitIntegration(await service({ 'reports/tests/junit.xml': junit(1, 0) }, false)),
    ).toMatchObject({
      status: 'AMBER',
      code: 'UNVERIFIED_EVIDENCE',
    });
  });
});

describe('tests.coverage (Vitest json-summary, thresholds from readiness.yaml)', () => {
  const file = 'reports/coverage/coverage-summary.json';

  it('is GREEN at the thresholds, RED below them, AMBER without a summary', async () => {
    expect((await coverage(await service({ [file]: summary(85, 75) }))).status).toBe('GREEN');
    expect(await coverage(await service({ [file]: summary(85, 60) }))).toMatchObject({
      status: 'RED',
      reason: 'coverage below readiness.yaml thresholds: branches 60 % < 70 %',
    });
    expect((await coverage(await service({}))).status).toBe('AMBER');
  });

  it('reads the thresholds from readiness.yaml', async () => {
    const strict = 'coverage:\n  lines: 95\n';
    expect((await coverage(await service({ [file]: summary(90) }, true, strict))).reason).toBe(
      'coverage below readiness.yaml thresholds: lines 90 % < 95 %',
    );
  });

  it('is AMBER "unverified evidence" for a hand-written summary', async () => {
    const dir = await makeService({ [file]: summary(100), 'src/app.ts': 'export {};\n' });
    expect((await coverage(await context(dir))).code).toBe('UNVERIFIED_EVIDENCE');
  });
});

describe('tests.chaos (fault scenarios)', () => {
  const file = 'reports/chaos/chaos.json';
  const pass = [
    { id: 'db-restart', status: 'pass' },
    { id: 'broker-outage', status: 'pass' },
  ];

  it('is GREEN when the database restart and broker outage scenarios passed for this commit', async () => {
    expect((await chaos(await service({ [file]: chaosReport(pass) }))).status).toBe('GREEN');
  });

  it('is RED for a failed scenario, AMBER for a missing or skipped one or without a report', async () => {
    const failed = [pass[0], { id: 'broker-outage', status: 'fail', detail: 'outbox lost 3 events' }];
    expect((await chaos(await service({ [file]: chaosReport(failed) }))).reason).toBe(
      'chaos scenarios failed: broker-outage (outbox lost 3 events)',
    );
    expect((await chaos(await service({ [file]: chaosReport([pass[0]]) }))).reason).toBe(
      'chaos scenarios not run or skipped: broker-outage',
    );
    expect((await chaos(await service({}))).status).toBe('AMBER');
  });

  it('is AMBER "unverified evidence" for a copied report (another service)', async () => {
    const ctx = await service({});
    const other = await makeProvenance(ctx.dir, 'billing', 'vitest', '4.1.12', ['src', 'test']);
    await mkdir(join(ctx.dir, 'reports', 'chaos'), { recursive: true });
    await writeFile(join(ctx.dir, file), JSON.stringify({ scenarios: pass, provenance: other }));
    expect((await chaos(ctx)).reason).toMatch(
      /^unverified evidence: reports\/chaos\/chaos.json is about service billing/,
    );
  });
});
