/**
 * Every object the chart renders (default values, and the variants the values allow) validates against the real
 * Kubernetes schemas of `kubernetes-models` (and `@kubernetes-models/prometheus-operator` for the
 * ServiceMonitor and PrometheusRule); the `helm test` hook and the PrometheusRule say what they must. The chart
 * is executed by test/helm-render.ts (helm is not installable here; test/helm.spec.ts runs helm where it is).
 */
import {
  PrometheusRule,
  ServiceMonitor,
} from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Pod, Service, ServiceAccount } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import type { Tier } from '../src/index.js';
import { ordersModel } from './bundle-fixture.js';
import { HelmRenderer, type HelmContext } from './helm-render.js';
import { renderBundle } from './render-bundle.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

/** The model class whose schema validates each kind (its constructor takes the object, `validate()` throws). */
const MODELS: Record<string, new (data: Loose) => { validate(): void }> = {
  Deployment,
  HorizontalPodAutoscaler,
  NetworkPolicy,
  PodDisruptionBudget,
  ConfigMap,
  Pod,
  Service,
  ServiceAccount,
  ServiceMonitor,
  PrometheusRule,
} as never;

export function validateManifest(m: Loose): string | undefined {
  const Model = MODELS[m.kind];
  if (!Model) return `no schema for kind ${m.kind}`;
  try {
    new Model(m).validate();
    return undefined;
  } catch (error) {
    return `${m.kind} ${m.metadata?.name}: ${(error as Error).message}`;
  }
}

function chart(tier: Tier) {
  const model = ordersModel(tier);
  const files = renderBundle(model, ['helm', 'ops']);
  const templates = Object.fromEntries(
    [...files]
      .filter(([p]) => p.startsWith('helm/orders/templates/'))
      .map(([p, c]) => [`orders/templates/${p.slice(22)}`, c]),
  );
  const values = parse(files.get('helm/orders/values.yaml')!) as Loose;
  const meta = parse(files.get('helm/orders/Chart.yaml')!) as Loose;
  const renderer = new HelmRenderer(templates);
  const render = (overrides: (v: Loose) => void = () => undefined): Loose[] => {
    const v = structuredClone(values);
    overrides(v);
    const ctx: HelmContext = {
      Values: v,
      Chart: { Name: meta.name, Version: meta.version, AppVersion: meta.appVersion },
      Release: { Name: 'orders', Namespace: 'shop', Service: 'Helm' },
    };
    return Object.keys(templates)
      .filter((n) => n.endsWith('.yaml'))
      .flatMap((n) => parseAllDocuments(renderer.render(n, ctx)).map((d) => d.toJS() as Loose | null))
      .filter((m): m is Loose => m !== null);
  };
  return { model, files, render };
}

describe.each(['t0', 't1', 't2'] as const)('the chart of a %s service', (tier) => {
  const { model, files, render } = chart(tier);

  it('renders only objects valid against the Kubernetes schemas, with every option on or off', () => {
    const variants: ((v: Loose) => void)[] = [
      () => undefined,
      (v) => {
        v.autoscaling.enabled = false;
        v.podDisruptionBudget.enabled = false;
        v.serviceMonitor.enabled = false;
        v.prometheusRule.enabled = false;
        v.conformanceTest.allowWrites = true;
        v.nats.existingSecret = 'nats';
        v.otel.endpoint = 'http://otel:4318';
      },
    ];
    for (const variant of variants) {
      const ms = render(variant);
      expect(ms.length).toBeGreaterThan(5);
      expect(ms.map(validateManifest).filter(Boolean)).toEqual([]);
    }
  });

  it('has a helm test hook that runs the suite read-only against the release, tenants from a Secret, JUnit to the log', () => {
    const [pod] = render().filter((m) => m.kind === 'Pod');
    expect(pod.metadata.annotations).toEqual({
      'helm.sh/hook': 'test',
      'helm.sh/hook-delete-policy': 'before-hook-creation',
    });
    expect(pod.spec.restartPolicy).toBe('Never');
    const [init] = pod.spec.initContainers;
    expect(init.image).toBe(`${model.image.repository}:${model.version}`);
    expect(init.command).toEqual(['cp', 'openapi/orders.yaml', 'conformance.config.json', '/work/']);
    const [c] = pod.spec.containers;
    expect(c.image).toBe(`shipshape/conformance:${model.generatorVersion}`);
    expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(pod.spec.securityContext.runAsNonRoot).toBe(true);
    const env = Object.fromEntries(c.env.map((e: Loose) => [e.name, e]));
    expect(env.TARGET_URL.value).toBe('http://orders:3000');
    expect(env.CONFORMANCE_FLAGS.value).toBe('--read-only');
    for (const key of ['TENANT_A_ID', 'TENANT_A_TOKEN', 'TENANT_B_ID', 'TENANT_B_TOKEN'])
      expect(env[key].valueFrom.secretKeyRef).toEqual({ name: 'orders-conformance-tenants', key });
    const script = c.args[0] as string;
    expect(script).toContain('shipshape conformance --url "$TARGET_URL" --openapi /work/orders.yaml');
    expect(script).toContain('--tenant "$TENANT_A_ID=\\$TENANT_A_TOKEN"'); // the suite reads the token itself
    expect(script).toContain('cat /work/reports/junit.xml');
    expect(script).toMatch(/exit \$code\s*$/);

    const [writes] = render((v) => (v.conformanceTest.allowWrites = true)).filter((m) => m.kind === 'Pod');
    expect(writes.spec.containers[0].env.find((e: Loose) => e.name === 'CONFORMANCE_FLAGS').value).toBe('');
    expect(render((v) => (v.conformanceTest.enabled = false)).some((m) => m.kind === 'Pod')).toBe(false);
  });

  it('ships ops/alerts.yaml as a PrometheusRule, Prometheus templates intact, and only when enabled', () => {
    const [rule] = render().filter((m) => m.kind === 'PrometheusRule');
    const alerts = parse(files.get('ops/alerts.yaml')!) as Loose;
    expect(rule.spec.groups).toEqual(alerts.groups);
    expect(JSON.stringify(rule)).toContain('{{ $value');
    expect(rule.spec.groups[0].rules.map((r: Loose) => r.alert)).toContain(`OrdersErrorBudgetBurnFast`);
    expect(render((v) => (v.prometheusRule.enabled = false)).some((m) => m.kind === 'PrometheusRule')).toBe(
      false,
    );
  });
});

describe('the schema validation', () => {
  it('rejects what Kubernetes would reject', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'x' },
      spec: { containers: [{ name: 'a', image: 'b' }] },
    };
    expect(validateManifest(pod)).toBeUndefined();
    const bad = structuredClone(pod) as Loose;
    bad.spec.containers[0].securityContext = { runAsUser: '10001' };
    expect(validateManifest(bad)).toMatch(/runAsUser must be integer/);
    const rule = {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: { name: 'r' },
      spec: { groups: [{ name: 'g', rules: [{ alert: 'A' }] }] },
    };
    expect(validateManifest(rule)).toMatch(/expr/);
  });
});
