import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { objectiveRatio } from '../../src/slos.js';
import { brief, cleanup, copyGood, editYaml, findingsOf, goodFindings } from '../helpers.js';

const RULE = 'shipshape-slos-valid';
afterEach(cleanup);

describe(RULE, () => {
  it('passes availability, latency and error-rate SLOs with ratios, windows and thresholds', async () => {
    expect(await goodFindings(RULE)).toEqual([]);
  });

  it('reads percentages as well as ratios', async () => {
    const dir = await copyGood();
    await editYaml(dir, 'ops/slos.yaml', (doc) => {
      for (const slo of doc.slos) {
        slo.objective = Math.round(slo.objective * 1000) / 10;
        delete slo.errorBudget;
      }
    });
    expect(await findingsOf(dir, RULE)).toEqual([]);
  });

  it('reports impossible objectives, wrong budgets, bad windows, missing thresholds, unknown alerts and a missing kind', async () => {
    const dir = await copyGood();
    await editYaml(dir, 'ops/slos.yaml', (doc) => {
      const [availability, p95, p99] = doc.slos;
      availability.objective = 0;
      p95.errorBudget = 0.5;
      p99.window = 'a month';
      delete p99.thresholdMs;
      p99.alerts = ['OrdersOnFire'];
      doc.slos = doc.slos.filter((s: { id: string }) => s.id !== 'error-rate');
    });
    expect((await findingsOf(dir, RULE)).map(brief)).toEqual([
      'ops/slos.yaml:4 SLOs must include an objective for error rate',
      'ops/slos.yaml:7 SLO availability: objective must be a number strictly between 0 and 1 (or 0 and 100 %)',
      'ops/slos.yaml:19 SLO latency-p95: errorBudget 0.5 must equal 1 - objective (0.05)',
      'ops/slos.yaml:27 latency SLO latency-p99 must have a positive thresholdMs (or a threshold duration)',
      'ops/slos.yaml:31 SLO latency-p99: window must be a duration (e.g. 30d)',
      'ops/slos.yaml:37 SLO latency-p99: alert "OrdersOnFire" is not defined in ops/alerts.yaml',
    ]);
  });
});

describe('objectiveRatio', () => {
  it.each([
    [0.999, 0.999],
    [99.9, 0.999],
    [1, 0.01],
    [0, undefined],
    [100, undefined],
    [-1, undefined],
    ['0.9', undefined],
  ])('%s → %s', (input, ratio) => {
    const got = objectiveRatio(input);
    if (ratio === undefined) expect(got).toBeUndefined();
    else expect(got).toBeCloseTo(ratio, 12);
  });
});

const slo = (id: string, target: number, extra = '') => `---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: orders-${id}
  displayName: ${id}
  labels: { shipshape.dev/slo: ${id} }
  annotations: { ${extra} }
spec:
  service: orders
  indicatorRef: orders-${id}
  timeWindow: [{ duration: 30d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: ${target} }]
`;

describe(`${RULE} on OpenSLO v1`, () => {
  it('passes availability, latency and error-rate SLO documents', async () => {
    const dir = await copyGood();
    await writeFile(
      join(dir, 'ops/slos.yaml'),
      slo('availability', 0.999) +
        slo('latency-p99', 0.99, 'shipshape.dev/threshold-ms: "500"') +
        slo('error-rate', 0.995),
    );
    expect(await findingsOf(dir, RULE)).toEqual([]);
  });

  it('reports an impossible target, a latency SLO without threshold, an unknown rule and a missing kind', async () => {
    const dir = await copyGood();
    await writeFile(
      join(dir, 'ops/slos.yaml'),
      slo('availability', 0, 'shipshape.dev/prometheus-alerts: "OrdersOnFire"') + slo('latency-p99', 0.99),
    );
    expect((await findingsOf(dir, RULE)).map(brief)).toEqual([
      'ops/slos.yaml:1 SLO availability: objective must be a number strictly between 0 and 1 (or 0 and 100 %)',
      'ops/slos.yaml:1 SLO availability: alert "OrdersOnFire" is not defined in ops/alerts.yaml',
      'ops/slos.yaml:1 latency SLO latency-p99 must have a positive thresholdMs (or a threshold duration)',
      'ops/slos.yaml:1 SLOs must include an objective for error rate',
    ]);
  });
});
