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
import { deployDefaults } from '../src/ops.js';
import { ordersModel } from './bundle-fixture.js';
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
      expect(content.split('{{').length, `${path}: delimiters`).toBe(content.split('}}').length);
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
