/**
 * load/<name>.testrun.yaml, the k6-operator TestRun of the distributed load test: valid against the TestRun
 * schema (templates/k6/schema/testrun.schema.json, written from the operator's CRD) with the runner's Kubernetes
 * fields valid against kubernetes-models; the script it runs is the generated k6 script from a ConfigMap, its
 * parallelism the tier's, and its thresholds (in the script, noted on the TestRun) those of ops/slos.yaml.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { Pod } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { deployDefaults } from '../src/index.js';
import { ordersModel } from './bundle-fixture.js';
import { renderBundle } from './render-bundle.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

const validateTestRun = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(join(__dirname, '..', 'k6', 'schema', 'testrun.schema.json'), 'utf8')) as object,
);

/** The runner as the pod the operator makes of it, validated against the Kubernetes schemas. */
function validateRunner(run: Loose): void {
  const { image, env, resources, securityContext, volumeMounts, volumes } = run.spec.runner;
  new Pod({
    metadata: { name: 'runner' },
    spec: { containers: [{ name: 'k6', image, env, resources, securityContext, volumeMounts }], volumes },
  }).validate();
}

describe.each(['t0', 't1', 't2'] as const)('the TestRun of a %s service', (tier) => {
  const model = ordersModel(tier);
  const files = renderBundle(model, ['k6']);
  const run = parse(files.get('load/orders.testrun.yaml')!) as Loose;

  it('is a valid TestRun whose runner is a valid pod', () => {
    expect(validateTestRun(run), JSON.stringify(validateTestRun.errors)).toBe(true);
    expect(() => validateRunner(run)).not.toThrow();
  });

  it('runs the generated k6 script from a ConfigMap, with the tier parallelism and the SLO thresholds', () => {
    expect(run.spec.parallelism).toBe(deployDefaults(tier).loadParallelism);
    expect(run.spec.script).toEqual({ configMap: { name: 'orders-load-script', file: 'orders.k6.js' } });
    expect(files.has(`load/${run.spec.script.configMap.file}`)).toBe(true);
    const lt = model.ops.loadThresholds;
    const script = files.get('load/orders.k6.js')!;
    expect(script).toContain(`p(95)<${lt.p95Ms}`);
    expect(script).toContain(`p(99)<${lt.p99Ms}`);
    expect(script).toContain(`rate<${lt.maxErrorRate}`);
    expect(run.metadata.annotations['shipshape.dev/thresholds']).toBe(
      `http_req_duration p(95)<${lt.p95Ms} p(99)<${lt.p99Ms}; http_req_failed rate<${lt.maxErrorRate}`,
    );
    const env = Object.fromEntries(run.spec.runner.env.map((e: Loose) => [e.name, e]));
    expect(env.LOAD_URL.value).toBe('http://orders:3000');
    expect(env.LOAD_TOKEN.valueFrom.secretKeyRef).toEqual({ name: 'orders-load-token', key: 'LOAD_TOKEN' });
    expect(files.get('load/orders.testrun.yaml')).toContain('kubectl apply -f load/orders.testrun.yaml');
  });
});

describe('the TestRun validation', () => {
  const run = parse(renderBundle(ordersModel('t1'), ['k6']).get('load/orders.testrun.yaml')!) as Loose;
  it.each([
    ['no parallelism', (r: Loose) => delete r.spec.parallelism],
    ['parallelism 0', (r: Loose) => (r.spec.parallelism = 0)],
    ['two script sources', (r: Loose) => (r.spec.script.localFile = '/x.js')],
    ['a latest runner image', (r: Loose) => (r.spec.runner.image = 'grafana/k6:latest')],
    ['an unknown field', (r: Loose) => (r.spec.thresholds = {})],
  ])('refuses %s', (_, mutate) => {
    const broken = structuredClone(run);
    mutate(broken);
    expect(validateTestRun(broken)).toBe(false);
  });
  it('refuses a runner Kubernetes would refuse', () => {
    const broken = structuredClone(run);
    broken.spec.runner.resources = { limits: { cpu: { amount: 1 } } };
    expect(() => validateRunner(broken)).toThrow();
  });
});
