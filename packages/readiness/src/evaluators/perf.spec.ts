import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, context, makeService } from '../../test/support.js';
import { loadBaselineRecorded, noRegression } from './perf.js';

afterAll(cleanup);

const run = (p95: number, extra: object = {}) =>
  JSON.stringify({
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

describe('perf.load_baseline_recorded', () => {
  it('is AMBER without a baseline, GREEN within the SLOs, RED beyond them', async () => {
    expect((await loadBaselineRecorded(await context(await makeService({})))).status).toBe('AMBER');
    expect(
      (
        await loadBaselineRecorded(
          await context(await makeService({ 'reports/load/baseline.json': run(12) })),
        )
      ).status,
    ).toBe('GREEN');
    const slow = await loadBaselineRecorded(
      await context(await makeService({ 'reports/load/baseline.json': run(300) })),
    );
    expect(slow).toMatchObject({
      status: 'RED',
      reason: 'the recorded baseline misses the SLOs: p95 300 ms ≥ 250 ms',
    });
  });
});

describe('perf.no_regression', () => {
  it('is GREEN for a run compared with the baseline, RED for a regression, AMBER without comparison', async () => {
    const ok = await makeService({
      'reports/load/summary.json': run(12, { baseline: { startedAt: '2026-10-01T00:00:00Z', p95Ms: 11 } }),
    });
    expect(await noRegression(await context(ok))).toMatchObject({
      status: 'GREEN',
      reason: 'p95 12 ms vs baseline 11 ms (2026-10-01)',
    });
    const slower = await makeService({
      'reports/load/summary.json': run(40, {
        baseline: { startedAt: '2026-10-01T00:00:00Z', p95Ms: 20 },
        pass: false,
        failures: ['p95 100 % slower than the baseline (20 ms)'],
      }),
    });
    expect(await noRegression(await context(slower))).toMatchObject({
      status: 'RED',
      reason: 'p95 100 % slower than the baseline (20 ms)',
    });
    const alone = await makeService({ 'reports/load/summary.json': run(12, { baseline: null }) });
    expect((await noRegression(await context(alone))).reason).toBe(
      'the last load run was not compared with a recorded baseline',
    );
  });
});
