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
        'helm/orders: Deployment, Service, PodDisruptionBudget, HorizontalPodAutoscaler, NetworkPolicy; probes, resources and a values schema',
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
      'helm/svc: no values.schema.json, no PodDisruptionBudget, HorizontalPodAutoscaler, NetworkPolicy, the Deployment has no livenessProbe and 1 more',
    );
    expect((await helmChart(await context(await makeService({})))).reason).toBe(
      'no Helm chart (helm/<name>/Chart.yaml)',
    );
  });
});
