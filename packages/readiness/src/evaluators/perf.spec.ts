import { afterAll, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanup, context, makeService } from '../../test/support.js';
import { makeProvenance } from '../provenance.js';
import { loadBaselineRecorded, noRegression } from './perf.js';

afterAll(cleanup);

const SLOS = `slos:
  - { id: latency-p95, objective: 0.95, thresholdMs: 250, alerts: [] }
  - { id: latency-p99, objective: 0.99, thresholdMs: 1000, alerts: [] }
  - { id: error-rate, objective: 0.995, errorBudget: 0.005, alerts: [] }
`;

const run = (p95: number, extra: object = {}) => ({
  tool: 'autocannon',
  startedAt: '2026-11-01T10:00:00.000Z',
  requests: 1000,
  latencyMs: { p50: 3, p95, p99: p95 * 2, max: 90 },
  errorRate: 0,
  thresholds: { p95Ms: 250, p99Ms: 1000, maxErrorRate: 0.005 },
  pass: true,
  failures: [],
  ...extra,
});

/** A service with SLOs and a load report stamped with this service's provenance (unless told otherwise). */
async function service(file: 'baseline' | 'summary', report: object, stamp = true, slos = SLOS) {
  const dir = await makeService({ 'ops/slos.yaml': slos, 'src/app.ts': 'export {};\n' });
  const provenance = stamp
    ? await makeProvenance(dir, 'svc', 'shipshape load', '0.1.0', ['src', 'ops/slos.yaml'])
    : undefined;
  await mkdir(join(dir, 'reports', 'load'), { recursive: true });
  await writeFile(join(dir, 'reports', 'load', `${file}.json`), JSON.stringify({ ...report, provenance }));
  return context(dir);
}

describe('perf.load_baseline_recorded', () => {
  it('is AMBER without a baseline, GREEN within the SLOs, RED beyond them', async () => {
    expect((await loadBaselineRecorded(await context(await makeService({})))).status).toBe('AMBER');
    expect((await loadBaselineRecorded(await service('baseline', run(12)))).status).toBe('GREEN');
    expect(await loadBaselineRecorded(await service('baseline', run(300)))).toMatchObject({
      status: 'RED',
      reason: 'the recorded baseline misses the SLOs (ops/slos.yaml): p95 300 ms ≥ 250 ms',
    });
  });

  it('judges by ops/slos.yaml, never by the thresholds the report carries', async () => {
    const lax = run(300, { thresholds: { p95Ms: 5000, p99Ms: 9000, maxErrorRate: 0.5 } });
    expect((await loadBaselineRecorded(await service('baseline', lax))).status).toBe('RED');
    const strict = SLOS.replace('thresholdMs: 250', 'thresholdMs: 10');
    expect((await loadBaselineRecorded(await service('baseline', run(12), true, strict))).reason).toMatch(
      /p95 12 ms ≥ 10 ms/,
    );
  });

  it('is AMBER "unverified evidence" for a hand-written baseline without provenance', async () => {
    expect(await loadBaselineRecorded(await service('baseline', run(12), false))).toMatchObject({
      status: 'AMBER',
      code: 'UNVERIFIED_EVIDENCE',
    });
  });
});

describe('perf.no_regression', () => {
  it('is GREEN for a run compared with the baseline, RED for a regression, AMBER without comparison', async () => {
    const ok = await service(
      'summary',
      run(12, { baseline: { startedAt: '2026-10-01T00:00:00Z', p95Ms: 11 } }),
    );
    expect(await noRegression(ok)).toMatchObject({
      status: 'GREEN',
      reason: 'p95 12 ms vs baseline 11 ms (2026-10-01)',
    });
    const slower = await service(
      'summary',
      run(40, {
        baseline: { startedAt: '2026-10-01T00:00:00Z', p95Ms: 20 },
        pass: false,
        failures: ['p95 100 % slower than the baseline (20 ms)'],
      }),
    );
    expect(await noRegression(slower)).toMatchObject({
      status: 'RED',
      reason: 'p95 100 % slower than the baseline (20 ms)',
    });
    const alone = await service('summary', run(12, { baseline: null }));
    expect((await noRegression(alone)).reason).toBe(
      'the last load run was not compared with a recorded baseline',
    );
    const unstamped = await service(
      'summary',
      run(12, { baseline: { startedAt: '2026-10-01T00:00:00Z', p95Ms: 11 } }),
      false,
    );
    expect((await noRegression(unstamped)).code).toBe('UNVERIFIED_EVIDENCE');
  });
});
