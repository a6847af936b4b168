import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { brief, cleanup, copyGood, findingsOf } from '../helpers.js';

const RULE = 'shipshape-slos-valid';
afterEach(cleanup);

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
