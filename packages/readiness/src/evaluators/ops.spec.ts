import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, context, makeService, ORDERS_DIR } from '../../test/support.js';
import { helmChart } from './ops.js';

afterAll(cleanup);

describe('ops.helm_chart', () => {
  it('is GREEN for the example service’s chart', async () => {
    const v = await helmChart(await context(ORDERS_DIR));
    expect(v).toMatchObject({
      status: 'GREEN',
      reason:
        'helm/orders: Deployment, Service, PodDisruptionBudget, HorizontalPodAutoscaler, NetworkPolicy; probes, resources, a values schema and a conformance `helm test` hook',
    });
  });

  it('is RED for a chart without PDB, HPA, NetworkPolicy and probes', async () => {
    const dir = await makeService({
      'helm/svc/Chart.yaml': 'apiVersion: v2\nname: svc\nversion: 0.1.0\n',
      'helm/svc/values.yaml': 'replicas: 1\n',
      'helm/svc/templates/deployment.yaml': 'kind: Deployment\nspec:\n  resources: {}\n',
      'helm/svc/templates/service.yaml': 'kind: Service\n',
    });
    const v = await helmChart(await context(dir));
    expect(v.status).toBe('RED');
    expect(v.reason).toBe(
      'helm/svc: no values.schema.json, no PodDisruptionBudget, HorizontalPodAutoscaler, NetworkPolicy, the Deployment has no livenessProbe and 2 more',
    );
    expect((await helmChart(await context(await makeService({})))).reason).toBe(
      'no Helm chart at helm/svc/Chart.yaml (deploy.helm in shipshape.yaml, default helm/<name>)',
    );
  });

  it('is RED for a complete chart that does not test the release with the conformance suite', async () => {
    const complete = {
      'helm/svc/Chart.yaml': 'apiVersion: v2\nname: svc\nversion: 0.1.0\n',
      'helm/svc/values.yaml': 'replicas: 2\n',
      'helm/svc/values.schema.json': '{}',
      'helm/svc/templates/deployment.yaml':
        'kind: Deployment\nspec:\n  livenessProbe: {}\n  readinessProbe: {}\n  resources: {}\n',
      'helm/svc/templates/service.yaml': 'kind: Service\n',
      'helm/svc/templates/pdb.yaml': 'kind: PodDisruptionBudget\n',
      'helm/svc/templates/hpa.yaml': 'kind: HorizontalPodAutoscaler\n',
      'helm/svc/templates/networkpolicy.yaml': 'kind: NetworkPolicy\n',
    };
    const without = await helmChart(await context(await makeService(complete)));
    expect(without).toMatchObject({
      status: 'RED',
      reason: 'helm/svc: no `helm test` hook that runs the conformance suite (templates/tests/)',
    });
    const smoke = await makeService({
      ...complete,
      'helm/svc/templates/tests/smoke.yaml': 'kind: Pod\nmetadata:\n  annotations:\n    helm.sh/hook: test\n',
    });
    expect((await helmChart(await context(smoke))).status).toBe('RED');
    const hooked = await makeService({
      ...complete,
      'helm/svc/templates/tests/conformance.yaml':
        'kind: Pod\nmetadata:\n  annotations:\n    helm.sh/hook: test\nspec:\n  containers:\n    - args: [shipshape, conformance]\n',
    });
    expect((await helmChart(await context(hooked))).status).toBe('GREEN');
  });
});
