/**
 * The Helm chart, checked statically (helm cannot be installed on these machines): values.yaml validates
 * against values.schema.json, every `.Values` path the templates use exists, the Go template blocks balance,
 * every manifest has the expected shape once template actions are blanked out. `helm lint` and
 * `helm template` run when `helm` is on PATH.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Ajv from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import type { Tier } from '../src/index.js';
import { deployDefaults } from '../src/index.js';
import { ordersModel } from './bundle-fixture.js';
import { HelmRenderer, type HelmContext } from './helm-render.js';
import { renderBundle } from './render-bundle.js';

/** Parsed YAML navigated freely in assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

const CHART = 'helm/orders';
const chartFor = (tier: Tier) => {
  const files = renderBundle(ordersModel(tier), ['helm']);
  const get = (path: string) => {
    const content = files.get(`${CHART}/${path}`);
    if (content === undefined) throw new Error(`${CHART}/${path} not rendered`);
    return content;
  };
  return { files, get };
};

function validator(schema: object) {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  return ajv.compile(schema);
}

/** `.Values.a.b` paths used by a template. */
function valuesPaths(template: string): string[] {
  return [...template.matchAll(/\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)].map((m) => m[1].slice(1));
}

function hasPath(values: unknown, path: string): boolean {
  let node: unknown = values;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || !(key in node)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}

/** Blank out Go template actions: whole-line actions go, inline ones become a scalar. */
function blankTemplate(template: string): string {
  return template
    .split('\n')
    .filter((line) => !/^\s*\{\{.*\}\}\s*$/.test(line))
    .map((line) => line.replace(/\{\{.*?\}\}/g, 'x'))
    .join('\n');
}

const helmOnPath = spawnSync('helm', ['version', '--short'], { stdio: 'ignore' }).status === 0;
if (!helmOnPath)
  console.log('helm is not on PATH: `helm lint` / `helm template` checks are skipped (static checks run)');

describe.each(['t0', 't1', 't2'] as const)('the chart of a %s service', (tier) => {
  const { files, get } = chartFor(tier);
  const values = parse(get('values.yaml')) as Loose;
  const schema = JSON.parse(get('values.schema.json')) as object;

  it('has the chart files', () => {
    const expected = [
      'Chart.yaml',
      'values.yaml',
      'values.schema.json',
      '.helmignore',
      'templates/_helpers.tpl',
      'templates/deployment.yaml',
      'templates/service.yaml',
      'templates/serviceaccount.yaml',
      'templates/hpa.yaml',
      'templates/pdb.yaml',
      'templates/networkpolicy.yaml',
      'templates/configmap.yaml',
      'templates/servicemonitor.yaml',
      'templates/prometheusrule.yaml',
      'templates/tests/conformance.yaml',
      'templates/NOTES.txt',
    ];
    expect([...files.keys()].map((f) => f.slice(CHART.length + 1)).sort()).toEqual(expected.sort());
  });

  it('Chart.yaml is apiVersion v2 and names the service', () => {
    const chart = parse(get('Chart.yaml')) as Record<string, unknown>;
    expect(chart).toMatchObject({
      apiVersion: 'v2',
      name: 'orders',
      type: 'application',
      appVersion: '0.1.0',
    });
    expect(chart.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('values.yaml validates against values.schema.json', () => {
    const validate = validator(schema);
    expect(validate(values), JSON.stringify(validate.errors)).toBe(true);
  });

  it('the schema refuses unsafe or mistyped values', () => {
    const validate = validator(schema);
    const variants: [string, (v: Loose) => void][] = [
      ['root user', (v) => (v.podSecurityContext.runAsNonRoot = false)],
      ['writable root filesystem', (v) => (v.securityContext.readOnlyRootFilesystem = false)],
      ['privilege escalation', (v) => (v.securityContext.allowPrivilegeEscalation = true)],
      ['database URL in a ConfigMap', (v) => (v.config.DATABASE_URL = 'postgres://user:pw@db/x')],
      ['a typo at the top level', (v) => (v.replicas = 3)],
      ['a port out of range', (v) => (v.service.port = 70000)],
      ['a probe without a path', (v) => delete v.probes.readiness.path],
      ['no database secret', (v) => (v.database.existingSecret = '')],
      ['a bad quantity', (v) => (v.resources.limits.memory = 'lots')],
      ['an unknown NODE_ENV', (v) => (v.config.NODE_ENV = 'prod')],
      ['a JWKS URL that is not a URL', (v) => (v.config.AUTH_JWKS_URL = 'idp.example.com/jwks')],
    ];
    for (const [label, mutate] of variants) {
      const copy = structuredClone(values);
      mutate(copy);
      expect(validate(copy), label).toBe(false);
    }
  });

  it('values carry the tier defaults, the probes and a non-root, read-only container', () => {
    const d = deployDefaults(tier);
    expect(values.replicaCount).toBe(d.replicas);
    expect(values.autoscaling).toMatchObject({ minReplicas: d.minReplicas, maxReplicas: d.maxReplicas });
    expect(values.podDisruptionBudget.enabled).toBe(d.pdbMinAvailable > 0);
    expect(values.resources).toEqual({ requests: d.requests, limits: d.limits });
    expect(values.probes.liveness.path).toBe('/health/live');
    expect(values.probes.readiness.path).toBe('/health/ready');
    expect(values.podSecurityContext.runAsNonRoot).toBe(true);
    expect(values.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
    });
  });

  it('every values key DEPLOYMENT_TOPOLOGY names exists in values.yaml', () => {
    const doc = renderBundle(ordersModel(tier), ['docs-bundle']).get('docs/DEPLOYMENT_TOPOLOGY.md')!;
    const keys = [...doc.matchAll(/`([a-z][A-Za-z]+(?:\.[A-Za-z_*]+)*)`/g)]
      .map((m) => m[1])
      .filter((k) => hasPath(values, k.split('.')[0]));
    expect(keys.length).toBeGreaterThan(15);
    for (const key of keys) expect(hasPath(values, key.replace(/\.\*$/, '')), key).toBe(true);
  });

  it('every .Values path used by a template exists in values.yaml', () => {
    const missing: string[] = [];
    let used = 0;
    for (const [path, content] of files) {
      if (!path.startsWith(`${CHART}/templates/`)) continue;
      for (const p of valuesPaths(content)) {
        used++;
        if (!hasPath(values, p)) missing.push(`${path}: .Values.${p}`);
      }
    }
    expect(missing).toEqual([]);
    expect(used).toBeGreaterThan(40);
  });

  it('template blocks balance and every include is defined', () => {
    const helpers = get('templates/_helpers.tpl');
    const defined = new Set([...helpers.matchAll(/\{\{-? define "([^"]+)"/g)].map((m) => m[1]));
    expect([...defined].sort()).toEqual(
      [
        'orders.chart',
        'orders.fullname',
        'orders.labels',
        'orders.name',
        'orders.selectorLabels',
        'orders.serviceAccountName',
      ].sort(),
    );
    for (const [path, content] of files) {
      if (!path.startsWith(`${CHART}/templates/`)) continue;
      const opens = content.match(/\{\{-?\s*(if|with|range|define)\b/g)?.length ?? 0;
      const ends = content.match(/\{\{-?\s*end\s*-?\}\}/g)?.length ?? 0;
      expect(ends, `${path}: blocks`).toBe(opens);
      // `{{ "{{" }} $value }}` is Helm's escape of Prometheus' own `{{ $value }}`: leave it out of the count
      const unescaped = content.replace(/\{\{ "\{\{" \}\}[^{}]*?\}\}/g, '');
      expect(unescaped.split('{{').length, `${path}: delimiters`).toBe(unescaped.split('}}').length);
      for (const m of content.matchAll(/include "([^"]+)"/g))
        expect(defined.has(m[1]), `${path}: ${m[1]}`).toBe(true);
    }
  });

  it('every manifest has the expected kind and shape', () => {
    const kinds: Record<string, [string, string]> = {
      'deployment.yaml': ['apps/v1', 'Deployment'],
      'service.yaml': ['v1', 'Service'],
      'serviceaccount.yaml': ['v1', 'ServiceAccount'],
      'hpa.yaml': ['autoscaling/v2', 'HorizontalPodAutoscaler'],
      'pdb.yaml': ['policy/v1', 'PodDisruptionBudget'],
      'networkpolicy.yaml': ['networking.k8s.io/v1', 'NetworkPolicy'],
      'configmap.yaml': ['v1', 'ConfigMap'],
      'servicemonitor.yaml': ['monitoring.coreos.com/v1', 'ServiceMonitor'],
      'prometheusrule.yaml': ['monitoring.coreos.com/v1', 'PrometheusRule'],
      'tests/conformance.yaml': ['v1', 'Pod'],
    };
    for (const [file, [apiVersion, kind]] of Object.entries(kinds)) {
      const docs = parseAllDocuments(blankTemplate(get(`templates/${file}`)));
      expect(docs, file).toHaveLength(1);
      expect(docs[0].errors, file).toEqual([]);
      const obj = docs[0].toJS() as Loose;
      expect(obj.apiVersion, file).toBe(apiVersion);
      expect(obj.kind, file).toBe(kind);
      expect(obj.metadata, file).toHaveProperty('name');
    }
    const deployment = parse(blankTemplate(get('templates/deployment.yaml'))) as Loose;
    const [container] = deployment.spec.template.spec.containers;
    expect(Object.keys(container)).toEqual(
      expect.arrayContaining([
        'livenessProbe',
        'readinessProbe',
        'startupProbe',
        'resources',
        'securityContext',
        'env',
      ]),
    );
    const env = Object.fromEntries(container.env.map((e: { name: string }) => [e.name, e]));
    expect(env.HOST.value).toBe('0.0.0.0');
    expect(env.DATABASE_URL.valueFrom.secretKeyRef).toBeDefined();
    expect(env.NATS_URL.valueFrom.secretKeyRef).toBeDefined();
    expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    expect(get('templates/deployment.yaml')).toContain('path: {{ .Values.probes.liveness.path }}');
    expect(get('templates/deployment.yaml')).toContain('path: {{ .Values.probes.readiness.path }}');
    const monitor = get('templates/servicemonitor.yaml');
    expect(monitor).toContain('path: /metrics');
    expect(monitor).toContain('honorLabels: true');
  });

  describe('rendered with the default values (Go templates executed by test/helm-render.ts)', () => {
    const templates = Object.fromEntries(
      [...files]
        .filter(([p]) => p.startsWith(`${CHART}/templates/`))
        .map(([p, c]) => [`orders/templates/${p.slice(`${CHART}/templates/`.length)}`, c]),
    );
    const chart = parse(get('Chart.yaml')) as { name: string; version: string; appVersion: string };
    const renderer = new HelmRenderer(templates);
    const context = (overrides: (v: Loose) => void = () => undefined, release = 'orders'): HelmContext => {
      const v = structuredClone(values);
      overrides(v);
      return {
        Values: v,
        Chart: { Name: chart.name, Version: chart.version, AppVersion: chart.appVersion },
        Release: { Name: release, Namespace: 'shop', Service: 'Helm' },
      };
    };
    const manifests = (ctx: HelmContext): Loose[] =>
      Object.keys(templates)
        .filter((name) => name.endsWith('.yaml'))
        .flatMap((name) =>
          parseAllDocuments(renderer.render(name, ctx)).map((d) => {
            expect(d.errors, name).toEqual([]);
            return d.toJS() as Loose | null;
          }),
        )
        .filter((m): m is Loose => m !== null);
    const byKind = (ms: Loose[], kind: string) => ms.filter((m) => m.kind === kind);
    const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
      Object.entries(selector).every(([k, v]) => labels[k] === v);

    it('renders every object, named after the release, with matching selectors', () => {
      const ms = manifests(context());
      const kinds = ms.map((m) => m.kind).sort();
      const d = deployDefaults(tier);
      expect(kinds).toEqual(
        [
          'ConfigMap',
          'Deployment',
          'HorizontalPodAutoscaler',
          'NetworkPolicy',
          ...(d.pdbMinAvailable > 0 ? ['PodDisruptionBudget'] : []),
          'Service',
          'ServiceAccount',
          'ServiceMonitor',
          'PrometheusRule',
          'Pod',
        ].sort(),
      );
      for (const m of ms) {
        expect(m.metadata.name, m.kind).toBe(m.kind === 'Pod' ? 'orders-conformance' : 'orders');
        expect(m.metadata.labels['app.kubernetes.io/name'], m.kind).toBe('orders');
        expect(m.metadata.labels['shipshape.dev/tier'], m.kind).toBe(tier);
      }
      const [deployment] = byKind(ms, 'Deployment');
      const podLabels = deployment.spec.template.metadata.labels;
      expect(matches(deployment.spec.selector.matchLabels, podLabels)).toBe(true);
      expect(matches(byKind(ms, 'Service')[0].spec.selector, podLabels)).toBe(true);
      expect(matches(byKind(ms, 'NetworkPolicy')[0].spec.podSelector.matchLabels, podLabels)).toBe(true);
      for (const pdb of byKind(ms, 'PodDisruptionBudget')) {
        expect(matches(pdb.spec.selector.matchLabels, podLabels)).toBe(true);
        expect(pdb.spec.minAvailable).toBe(d.pdbMinAvailable);
      }
      const hpa = byKind(ms, 'HorizontalPodAutoscaler')[0];
      expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'orders' });
      expect([hpa.spec.minReplicas, hpa.spec.maxReplicas]).toEqual([d.minReplicas, d.maxReplicas]);
      const monitor = byKind(ms, 'ServiceMonitor')[0];
      expect(matches(monitor.spec.selector.matchLabels, byKind(ms, 'Service')[0].metadata.labels)).toBe(true);
      expect(monitor.spec.endpoints).toEqual([
        { port: 'http', path: '/metrics', interval: '30s', scrapeTimeout: '10s', honorLabels: true },
      ]);
    });

    it('runs the container non-root, read-only, with probes, resources and secrets as designed', () => {
      const [deployment] = byKind(manifests(context()), 'Deployment');
      const pod = deployment.spec.template.spec;
      expect(deployment.spec.replicas).toBeUndefined(); // the HPA owns replicas
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(pod.serviceAccountName).toBe('orders');
      const [c] = pod.containers;
      expect(c.image).toBe('acme/orders:0.1.0');
      expect(c.securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
      });
      expect(c.ports).toEqual([{ name: 'http', containerPort: 3000, protocol: 'TCP' }]);
      expect(c.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(c.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      expect(c.startupProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(c.resources).toEqual(values.resources);
      expect(c.envFrom).toEqual([{ configMapRef: { name: 'orders' } }]);
      expect(c.env).toEqual([
        { name: 'HOST', value: '0.0.0.0' },
        { name: 'PORT', value: '3000' },
        {
          name: 'DATABASE_URL',
          valueFrom: { secretKeyRef: { name: 'orders-database', key: 'DATABASE_URL' } },
        },
      ]);
      expect(c.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
      expect(deployment.spec.template.metadata.annotations['checksum/config']).toMatch(/^[0-9a-f]{64}$/);
    });

    it('puts only the non-empty settings in the ConfigMap, as strings', () => {
      const [cm] = byKind(manifests(context()), 'ConfigMap');
      expect(cm.data).toEqual({
        AUTH_AUDIENCE: 'orders',
        AUTH_TENANT_CLAIM: 'tenant_id',
        LOG_LEVEL: 'info',
        NODE_ENV: 'production',
        // Long enough for the endpoint removal to reach kube-proxy and ingresses before the drain starts.
        SHUTDOWN_DELAY_MS: '5000',
      });
    });

    it('sets DATABASE_MIGRATION_URL from its Secret and the preStop sleep only when asked', () => {
      const [plain] = byKind(manifests(context()), 'Deployment');
      const container = plain.spec.template.spec.containers[0];
      expect(container.lifecycle).toBeUndefined();
      expect(container.env.map((e: { name: string }) => e.name)).not.toContain('DATABASE_MIGRATION_URL');
      const [deployment] = byKind(
        manifests(
          context((v) => {
            v.database.migrationSecret = 'orders-owner';
            v.preStopSleepSeconds = 5;
          }),
        ),
        'Deployment',
      );
      const c = deployment.spec.template.spec.containers[0];
      expect(c.lifecycle).toEqual({ preStop: { sleep: { seconds: 5 } } });
      expect(c.env).toContainEqual({
        name: 'DATABASE_MIGRATION_URL',
        valueFrom: { secretKeyRef: { name: 'orders-owner', key: 'DATABASE_MIGRATION_URL' } },
      });
    });

    it('follows the values: fixed replicas, NATS and OTLP, callers, another release name', () => {
      const ms = manifests(
        context((v) => {
          v.autoscaling.enabled = false;
          v.nats.existingSecret = 'nats-creds';
          v.otel.endpoint = 'http://otel-collector.observability:4318';
          v.networkPolicy.ingressFrom = [{ namespaceSelector: { matchLabels: { team: 'web' } } }];
          v.config.RATE_LIMIT_MAX = 500;
        }, 'prod'),
      );
      expect(byKind(ms, 'HorizontalPodAutoscaler')).toEqual([]);
      const [deployment] = byKind(ms, 'Deployment');
      expect(deployment.metadata.name).toBe('prod-orders');
      expect(deployment.spec.replicas).toBe(values.replicaCount);
      const env = deployment.spec.template.spec.containers[0].env;
      expect(env).toContainEqual({
        name: 'NATS_URL',
        valueFrom: { secretKeyRef: { name: 'nats-creds', key: 'NATS_URL' } },
      });
      expect(env).toContainEqual({
        name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
        value: 'http://otel-collector.observability:4318',
      });
      expect(byKind(ms, 'ConfigMap')[0].data.RATE_LIMIT_MAX).toBe('500');
      const policy = byKind(ms, 'NetworkPolicy')[0];
      expect(policy.spec.ingress[0].from).toEqual([{ namespaceSelector: { matchLabels: { team: 'web' } } }]);
      expect(policy.spec.ingress[1].from).toEqual([
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
      ]);
      expect(policy.spec.egress[0].ports).toEqual([
        { port: 53, protocol: 'UDP' },
        { port: 53, protocol: 'TCP' },
      ]);
      expect(policy.spec.egress.slice(1)).toEqual(values.networkPolicy.egress);
    });

    it('refuses to render without the database secret, like helm would', () => {
      expect(() => manifests(context((v) => (v.database.existingSecret = '')))).toThrow(
        'required: database.existingSecret is required',
      );
    });

    it('renders NOTES.txt with the warnings that apply', () => {
      const notes = renderer.render('orders/templates/NOTES.txt', context());
      expect(notes).toContain('kubectl -n shop rollout status deployment/orders');
      expect(notes).toContain('NATS is not configured');
      expect(notes).toContain('WARNING: config.AUTH_JWKS_URL is empty');
    });
  });

  describe.skipIf(!helmOnPath)('with helm', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-helm-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    for (const [path, content] of files) {
      const out = join(dir, path);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, content);
    }
    it('passes helm lint', () => {
      const run = spawnSync('helm', ['lint', '--strict', join(dir, CHART)], { encoding: 'utf8' });
      expect(run.status, run.stdout + run.stderr).toBe(0);
    });
    it('renders with helm template', () => {
      const run = spawnSync('helm', ['template', 'orders', join(dir, CHART)], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const kinds = parseAllDocuments(run.stdout).map((d) => (d.toJS() as { kind?: string } | null)?.kind);
      expect(kinds).toEqual(expect.arrayContaining(['Deployment', 'Service', 'ConfigMap', 'NetworkPolicy']));
    });
  });
});

describe('the test renderer (test/helm-render.ts)', () => {
  const ctx: HelmContext = {
    Values: { a: { b: 'x' }, list: [1, 2] },
    Chart: { Name: 'c', Version: '1.0.0', AppVersion: '1' },
    Release: { Name: 'r', Namespace: 'n', Service: 'Helm' },
  };
  const render = (source: string) =>
    new HelmRenderer({ 'c/templates/t.yaml': source }).render('c/templates/t.yaml', ctx);
  it('trims, pipes, ranges and branches like Go templates', () => {
    expect(
      render('a:\n  {{- .Values.a.b | quote }}\n{{- range $i, $v := .Values.list }} {{ $v }}{{ end }}'),
    ).toBe('a:"x" 1 2');
    expect(render('{{ if .Values.missing }}y{{ else if .Values.a }}z{{ else }}w{{ end }}')).toBe('z');
    expect(render('{{ default "d" .Values.none }}-{{ printf "%s-%s" "a" .Release.Name | trunc 3 }}')).toBe(
      'd-a-r',
    );
  });
  it('refuses what it does not implement instead of rendering it wrong', () => {
    expect(() => render('{{ .Values.a.b | upper }}')).toThrow('unsupported function upper');
    expect(() => render('{{ $nope }}')).toThrow('undefined variable $nope');
    expect(() => render('{{ if .Values.a }}x')).toThrow('missing {{ end }}');
  });
});
