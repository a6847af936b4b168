/**
 * Operations data of a service: default SLOs per tier, default alert rules (with the guide each runbook is
 * written from), the metric names they query, and the pure helpers the ops/runbooks/docs/helm/k6 templates
 * call. Everything is read from data files — `templates/ops/data/` (metrics.yaml, slos.yaml, alerts.yaml,
 * deploy.yaml) and the readiness evaluator's gate catalog (`@shipshape/contracts/gates.yaml`): the docs,
 * rules, dashboard, chart values and load thresholds are rendered from them, never retyped.
 *
 * This module imports nothing from helpers.ts or trees.ts (helpers.ts spreads `opsHelpers`), so there is no
 * import cycle; it finds the data files relative to its own directory (src/ or dist/, both one level down).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { AlertModel, ServiceModel, SloModel, Tier } from './model.js';

const packageRoot = join(__dirname, '..');
/** Directory of the ops data files. */
export const opsDataDir: string = join(packageRoot, 'ops', 'data');

export interface MetricDef {
  key: string;
  name: string;
  type: 'counter' | 'gauge' | 'histogram';
  labels: string[];
  help: string;
}

interface MetricsFile {
  selector: string;
  metrics: MetricDef[];
}

interface SloDef {
  id: string;
  name: string;
  window: string;
  objective: Record<Tier, number>;
  thresholdMs?: Record<Tier, number>;
  sli: string;
  description: string;
}

export interface AlertCheck {
  title: string;
  promql?: string;
  command?: string;
}

/** What a runbook says about an alert beyond the rule itself. */
export interface AlertGuide {
  symptom: string;
  impact: string;
  checks: AlertCheck[];
  causes: string[];
  resolution: string[];
}

type Severity = AlertModel['severity'];

interface AlertDef {
  kind: string;
  severity: Record<Tier, Severity>;
  for: string;
  slo?: string;
  tiers?: Tier[];
  expr: string;
  summary: string;
  description: string;
  guide: AlertGuide;
}

interface AlertsFile {
  tiers: Record<Tier, Record<string, string | number>>;
  alerts: AlertDef[];
}

const cache = new Map<string, unknown>();
function load<T>(file: string): T {
  if (!cache.has(file)) cache.set(file, parse(readFileSync(join(opsDataDir, file), 'utf8')) as T);
  return cache.get(file) as T;
}

/** The metrics the runtime exposes that the generated ops files query. */
export function opsMetrics(): MetricDef[] {
  return load<MetricsFile>('metrics.yaml').metrics.map((m) => ({ ...m, labels: [...m.labels] }));
}

/** `{ requests: 'http_requests_total', ... }`. */
export function metricNames(): Record<string, string> {
  return Object.fromEntries(opsMetrics().map((m) => [m.key, m.name]));
}

/** The PromQL label matcher that scopes a query to one service (`job="orders"`). */
export function metricSelector(service: string): string {
  return fill(load<MetricsFile>('metrics.yaml').selector, { service });
}

type Vars = { [key: string]: string | number | Vars };

/**
 * Replace `${a.b.c}` with the value at that path of `vars`. An unknown name throws: a typo in a data file
 * must fail the tests, not ship an alert that queries `undefined`. Prometheus' `{{ $value }}` has no `${`,
 * so it passes through.
 */
export function fill(text: string, vars: Vars): string {
  return text.replace(/\$\{([\w.-]+)\}/g, (_, path: string) => {
    let value: string | number | Vars | undefined = vars;
    for (const part of path.split('.')) {
      value = typeof value === 'object' ? value[part] : undefined;
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new Error(`ops data: unknown placeholder \${${path}}`);
    }
    return String(value);
  });
}

/** Milliseconds as a Prometheus `le` / seconds literal: 300 → "0.3", 1000 → "1". */
export function seconds(ms: number): string {
  return String(ms / 1000);
}

/** Error budget of an objective, rounded to hide float noise: 0.999 → 0.001. */
export function budget(objective: number): number {
  return Number((1 - objective).toPrecision(6));
}

/** 0.9995 → "99.95 %". */
export function percent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(6))} %`;
}

/**
 * The default SLOs of a tier. `service` scopes the SLI queries (`job="<service>"`); without it the SLI is the
 * prose description (the PromQL needs the service's selector).
 */
export function defaultSlos(tier: Tier, service?: string): SloModel[] {
  const metrics = metricNames();
  return load<{ slos: SloDef[] }>('slos.yaml').slos.map((def) => {
    const thresholdMs = def.thresholdMs?.[tier];
    const sli =
      service === undefined
        ? def.description
        : fill(def.sli, {
            metrics,
            selector: metricSelector(service),
            window: def.window,
            thresholdSeconds: thresholdMs === undefined ? '' : seconds(thresholdMs),
          });
    const slo: SloModel = {
      id: def.id,
      name: def.name,
      objective: def.objective[tier],
      window: def.window,
      sli,
      description: def.description,
    };
    if (thresholdMs !== undefined) slo.thresholdMs = thresholdMs;
    return slo;
  });
}

/**
 * The PromQL ratio of good events of an SLO for this service. A default SLO's query is written from
 * slos.yaml with the service's selector; another SLO (added by hand) keeps its own `sli`.
 */
export function sloQuery(model: Pick<ServiceModel, 'name' | 'tier'>, slo: SloModel): string {
  const def = load<{ slos: SloDef[] }>('slos.yaml').slos.find((d) => d.id === slo.id);
  if (!def) return slo.sli;
  return fill(def.sli, {
    metrics: metricNames(),
    selector: metricSelector(model.name),
    window: slo.window,
    thresholdSeconds: slo.thresholdMs === undefined ? '' : seconds(slo.thresholdMs),
  });
}

/** The parts of the model the alert rules are written from. */
export type AlertInputs = Pick<ServiceModel, 'name' | 'names' | 'tier' | 'owner' | 'slos'>;

function sloVars(slos: SloModel[]): Vars {
  return Object.fromEntries(
    slos.map((s) => {
      const v: Vars = { objective: s.objective, budget: budget(s.objective), window: s.window };
      if (s.thresholdMs !== undefined) {
        v.thresholdMs = s.thresholdMs;
        v.thresholdSeconds = seconds(s.thresholdMs);
      }
      return [s.id, v];
    }),
  );
}

function alertVars(model: AlertInputs): Vars {
  const file = load<AlertsFile>('alerts.yaml');
  return {
    service: model.name,
    className: model.names.className,
    owner: model.owner,
    selector: metricSelector(model.name),
    metrics: metricNames(),
    slo: sloVars(model.slos),
    sli: Object.fromEntries(model.slos.map((s) => [s.id, sloQuery(model, s)])),
    t: file.tiers[model.tier],
  };
}

/** `ErrorBudgetBurnFast` → `error-budget-burn-fast`. */
export function kindSlug(kind: string): string {
  return kind
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

/** Where an alert's runbook lives in the service (`runbooks/<slug>.md`). */
export function runbookPath(slug: string): string {
  return `runbooks/${slug}.md`;
}

/**
 * `runbook_url` of an alert: the runbook's path from the repository root (`services/orders/runbooks/x.md`), so
 * it resolves in the repository browser; set a base URL in Alertmanager templates to make it a link.
 */
export function runbookUrl(directory: string, slug: string): string {
  return `${directory.replace(/\/+$/, '')}/${runbookPath(slug)}`;
}

/** The default alert rules of the service's tier, filled from the data files. */
export function defaultAlerts(model: AlertInputs & Partial<Pick<ServiceModel, 'directory'>>): AlertModel[] {
  const vars = alertVars(model);
  const directory = model.directory ?? `services/${model.name}`;
  return load<AlertsFile>('alerts.yaml')
    .alerts.filter((def) => !def.tiers || def.tiers.includes(model.tier))
    .map((def) => {
      const slug = `${model.name}-${kindSlug(def.kind)}`;
      const alert: AlertModel = {
        name: `${model.names.className}${def.kind}`,
        slug,
        severity: def.severity[model.tier],
        expr: fill(def.expr, vars).trim(),
        for: def.for,
        summary: fill(def.summary, vars).trim(),
        description: fill(def.description, vars).trim(),
        runbook: runbookPath(slug),
        runbookUrl: runbookUrl(directory, slug),
      };
      if (def.slo) alert.slo = def.slo;
      return alert;
    });
}

/**
 * The runbook guide of a default alert (found by its name: `<ClassName><Kind>`), filled for the service;
 * undefined for an alert the `alert` generator added, whose runbook asks the owner to write it.
 */
export function alertGuide(model: AlertInputs, alert: Pick<AlertModel, 'name'>): AlertGuide | undefined {
  const def = load<AlertsFile>('alerts.yaml').alerts.find(
    (d) => `${model.names.className}${d.kind}` === alert.name,
  );
  if (!def) return undefined;
  const vars = alertVars(model);
  const f = (s: string) => fill(s, vars).trim();
  return {
    symptom: f(def.guide.symptom),
    impact: f(def.guide.impact),
    checks: def.guide.checks.map((c) => ({
      title: f(c.title),
      ...(c.promql ? { promql: f(c.promql) } : {}),
      ...(c.command ? { command: f(c.command) } : {}),
    })),
    causes: def.guide.causes.map(f),
    resolution: def.guide.resolution.map(f),
  };
}

/** The tier's escalation delay (e.g. `15 minutes`), from alerts.yaml. */
export function escalateAfter(tier: Tier): string {
  return String(load<AlertsFile>('alerts.yaml').tiers[tier].escalateAfter);
}

export interface DeployDefaults {
  replicas: number;
  minReplicas: number;
  maxReplicas: number;
  targetCPUUtilizationPercentage: number;
  pdbMinAvailable: number;
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
  rto: string;
  rpo: string;
  backups: string;
  restoreTest: string;
  drill: string;
}

/** Replicas, autoscaling, disruption budget, resources and recovery objectives of a tier (deploy.yaml). */
export function deployDefaults(tier: Tier): DeployDefaults {
  const row = load<{ tiers: Record<Tier, DeployDefaults> }>('deploy.yaml').tiers[tier];
  return { ...row, requests: { ...row.requests }, limits: { ...row.limits } };
}

/** A readiness gate, as the readiness evaluator's catalog (`@shipshape/contracts/gates.yaml`) defines it. */
export interface GateDef {
  id: string;
  title: string;
  criteria: string;
  /** The lowest readiness level that needs it GREEN. */
  level: string;
  judged: 'automated' | 'attested';
  evidence: string;
}
export interface GateGroup {
  id: string;
  name: string;
  /** The bundle doc whose front matter may declare that the group does not apply. */
  applicability?: string;
  gates: GateDef[];
}
export interface ReadinessLevel {
  id: string;
  name: string;
  meaning: string;
  requiredFor: string;
}
interface GateCatalogFile {
  levels: ReadinessLevel[];
  targets: Record<string, string>;
  groups: GateGroup[];
}

/**
 * The gate catalog is the readiness evaluator's own data file, read here rather than copied, so
 * SERVICE_READINESS.md and the README badges always list the gates `shipshape readiness` judges.
 */
function loadGates(): GateCatalogFile {
  const key = '@shipshape/contracts/gates.yaml';
  if (!cache.has(key)) cache.set(key, parse(readFileSync(require.resolve(key), 'utf8')));
  return cache.get(key) as GateCatalogFile;
}

/** The readiness gate catalog by group (the seed gate ids). */
export function gateCatalog(): GateGroup[] {
  return loadGates().groups.map((g) => ({
    id: g.id,
    name: g.name,
    ...(g.applicability ? { applicability: g.applicability } : {}),
    gates: g.gates.map((x) => ({
      id: x.id,
      title: x.title,
      criteria: x.criteria,
      level: x.level,
      judged: x.judged,
      evidence: x.evidence,
    })),
  }));
}

/** Readiness levels L0–L5. */
export function readinessLevels(): ReadinessLevel[] {
  return loadGates().levels.map((l) => ({
    id: l.id,
    name: l.name,
    meaning: l.meaning,
    requiredFor: l.requiredFor,
  }));
}

/** The readiness level a tier must reach before production traffic. */
export function targetLevel(tier: Tier): string {
  const level = loadGates().targets[tier];
  if (!level) throw new Error(`the readiness catalog has no target for tier ${tier}`);
  return level;
}

/** Badge image of a gate group, written later by the readiness evaluator. */
export function badgePath(group: string): string {
  return `docs/badges/${group}.svg`;
}

/** The SLO with this id (throws when the model has none: a template must not render `undefined`). */
export function sloById(model: Pick<ServiceModel, 'slos'>, id: string): SloModel {
  const slo = model.slos.find((s) => s.id === id);
  if (!slo) throw new Error(`the model has no SLO "${id}"`);
  return slo;
}

/** The load-test thresholds the k6 script and the autocannon runner enforce, from the model's SLOs. */
export function loadThresholds(model: Pick<ServiceModel, 'slos'>): {
  p95Ms: number;
  p99Ms: number;
  maxErrorRate: number;
} {
  const p95 = sloById(model, 'latency-p95').thresholdMs;
  const p99 = sloById(model, 'latency-p99').thresholdMs;
  if (p95 === undefined || p99 === undefined) throw new Error('latency SLOs need thresholdMs');
  return { p95Ms: p95, p99Ms: p99, maxErrorRate: budget(sloById(model, 'error-rate').objective) };
}

/** Indent every line but the first by `n` spaces (for multi-line values in YAML block scalars). */
export function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text
    .split('\n')
    .map((line, i) => (i === 0 || line === '' ? line : pad + line))
    .join('\n');
}

/**
 * The anchor GitHub (and VitePress' default slugger, for these inputs) gives a Markdown heading: lower case,
 * punctuation other than `-` and `_` dropped, spaces to `-`. Links into the bundle use it, so they resolve.
 */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The Fastify route template of an OpenAPI path (`/api/v1/orders/{orderId}` → `/api/v1/orders/:orderId`). */
export function routeTemplate(openApiPath: string): string {
  return openApiPath.replace(/\{([^}]+)\}/g, ':$1');
}

/** uid of the service's Grafana dashboard (runbooks link it). */
export function dashboardUid(service: string): string {
  return `${service}-service`;
}

interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  [key: string]: unknown;
}

/**
 * The service's Grafana dashboard (schema 39): RED per route, SLOs, tenancy and auth answers, idempotency,
 * dependencies (database pool, outbox) and the Node.js process. Every query uses the metric names of
 * metrics.yaml and the service's selector, through a `datasource` variable so it imports into any Grafana.
 */
export function grafanaDashboard(model: Pick<ServiceModel, 'name' | 'tier' | 'slos' | 'owner'>): object {
  const m = metricNames();
  const sel = metricSelector(model.name);
  const api = `${sel},route=~"/api/.*"`;
  const ds = { type: 'prometheus', uid: '${datasource}' };
  const panels: Panel[] = [];
  let y = 0;
  let id = 1;
  const row = (title: string) => {
    panels.push({
      id: id++,
      type: 'row',
      title,
      collapsed: false,
      gridPos: { x: 0, y, w: 24, h: 1 },
      panels: [],
    });
    y += 1;
  };
  const series = (
    title: string,
    targets: { expr: string; legend: string }[],
    opts: { unit?: string; x?: number; w?: number; thresholds?: number[]; description?: string } = {},
  ) => {
    const w = opts.w ?? 12;
    const x = opts.x ?? 0;
    panels.push({
      id: id++,
      type: 'timeseries',
      title,
      description: opts.description ?? '',
      datasource: ds,
      gridPos: { x, y, w, h: 8 },
      fieldConfig: {
        defaults: {
          unit: opts.unit ?? 'short',
          custom: opts.thresholds ? { thresholdsStyle: { mode: 'line' } } : {},
          thresholds: {
            mode: 'absolute',
            steps: [
              { color: 'green', value: null },
              ...(opts.thresholds ?? []).map((value) => ({ color: 'red', value })),
            ],
          },
        },
        overrides: [],
      },
      options: { legend: { displayMode: 'list', placement: 'bottom' }, tooltip: { mode: 'multi' } },
      targets: targets.map((t, i) => ({
        refId: String.fromCharCode(65 + i),
        datasource: ds,
        expr: t.expr,
        legendFormat: t.legend,
      })),
    });
    if (x + w >= 24) y += 8;
  };

  row('Traffic (RED)');
  series(
    'Requests per second by route',
    [
      {
        expr: `sum by (method, route) (rate(${m.requests}{${api}}[$__rate_interval]))`,
        legend: '{{method}} {{route}}',
      },
    ],
    { unit: 'reqps' },
  );
  const availability = sloById(model, 'availability');
  series(
    'Server error ratio (5xx)',
    [
      {
        expr: `sum(rate(${m.requests}{${api},status_code=~"5.."}[$__rate_interval])) / sum(rate(${m.requests}{${api}}[$__rate_interval]))`,
        legend: '5xx ratio',
      },
    ],
    { unit: 'percentunit', x: 12, thresholds: [budget(availability.objective)] },
  );
  const p95 = sloById(model, 'latency-p95');
  const p99 = sloById(model, 'latency-p99');
  series(
    'Latency p50 / p95 / p99',
    [0.5, 0.95, 0.99].map((q) => ({
      expr: `histogram_quantile(${q}, sum by (le) (rate(${m.duration}_bucket{${api}}[$__rate_interval])))`,
      legend: `p${Math.round(q * 100)}`,
    })),
    {
      unit: 's',
      thresholds: [p95.thresholdMs, p99.thresholdMs]
        .filter((v): v is number => v !== undefined)
        .map((v) => v / 1000),
      description: `SLO: p95 < ${p95.thresholdMs} ms, p99 < ${p99.thresholdMs} ms`,
    },
  );
  series(
    'p99 latency by route',
    [
      {
        expr: `histogram_quantile(0.99, sum by (le, method, route) (rate(${m.duration}_bucket{${api}}[$__rate_interval])))`,
        legend: '{{method}} {{route}}',
      },
    ],
    { unit: 's', x: 12 },
  );

  row('SLOs');
  const w = Math.floor(24 / model.slos.length);
  model.slos.forEach((slo, i) => {
    panels.push({
      id: id++,
      type: 'stat',
      title: `${slo.name} (${slo.window}, objective ${percent(slo.objective)})`,
      description: slo.description,
      datasource: ds,
      gridPos: { x: i * w, y, w, h: 5 },
      fieldConfig: {
        defaults: {
          unit: 'percentunit',
          decimals: 3,
          thresholds: {
            mode: 'absolute',
            steps: [
              { color: 'red', value: null },
              { color: 'green', value: slo.objective },
            ],
          },
        },
        overrides: [],
      },
      options: {
        reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
        colorMode: 'background',
      },
      targets: [{ refId: 'A', datasource: ds, expr: sloQuery(model, slo), instant: true }],
    });
  });
  y += 5;

  row('Tenancy and auth');
  series(
    'Unauthenticated, forbidden and not found',
    [
      {
        expr: `sum by (status_code) (rate(${m.requests}{${api},status_code=~"401|403|404"}[$__rate_interval]))`,
        legend: '{{status_code}}',
      },
    ],
    {
      unit: 'reqps',
      description:
        "Another tenant's resource answers 404, exactly like a missing one: a 404 surge from one caller can be a tenant probing ids (see the logs, which carry the tenant).",
    },
  );
  series(
    'Rate limited (429) by route',
    [
      {
        expr: `sum by (route) (rate(${m.requests}{${api},status_code="429"}[$__rate_interval]))`,
        legend: '{{route}}',
      },
    ],
    { unit: 'reqps', x: 12 },
  );

  row('Idempotency');
  series(
    'POSTs, replays and conflicts',
    [
      { expr: `sum(rate(${m.requests}{${api},method="POST"}[$__rate_interval]))`, legend: 'POST' },
      { expr: `sum(rate(${m.idempotencyReplays}{${sel}}[$__rate_interval]))`, legend: 'replayed' },
      {
        expr: `sum by (reason) (rate(${m.idempotencyConflicts}{${sel}}[$__rate_interval]))`,
        legend: 'conflict {{reason}}',
      },
    ],
    { unit: 'reqps' },
  );
  series(
    'Idempotency conflicts by route',
    [
      {
        expr: `sum by (route, reason) (rate(${m.idempotencyConflicts}{${sel}}[$__rate_interval]))`,
        legend: '{{route}} {{reason}}',
      },
    ],
    { unit: 'reqps', x: 12 },
  );

  row('Dependencies');
  series('Database pool connections', [
    { expr: `max by (state) (${m.dbPool}{${sel}})`, legend: '{{state}}' },
  ]);
  series(
    'Outbox: events waiting to be published',
    [{ expr: `max(${m.outboxPending}{${sel}})`, legend: 'pending' }],
    {
      x: 12,
    },
  );

  row('Process');
  series('CPU', [{ expr: `rate(${m.cpu}{${sel}}[$__rate_interval])`, legend: '{{instance}}' }], { w: 8 });
  series('Resident memory', [{ expr: `${m.memory}{${sel}}`, legend: '{{instance}}' }], {
    unit: 'bytes',
    x: 8,
    w: 8,
  });
  series('Event-loop lag p99', [{ expr: `${m.eventLoopLag}{${sel}}`, legend: '{{instance}}' }], {
    unit: 's',
    x: 16,
    w: 8,
  });

  return {
    uid: dashboardUid(model.name),
    title: `${model.name} service`,
    description: `RED, SLOs, tenancy, idempotency and dependencies of ${model.name} (tier ${model.tier}, owner ${model.owner}). Generated by Shipshape from ops/slos.yaml and the runtime's metrics.`,
    tags: ['shipshape', model.name, model.tier],
    timezone: 'utc',
    schemaVersion: 39,
    version: 1,
    editable: true,
    graphTooltip: 1,
    time: { from: 'now-6h', to: 'now' },
    refresh: '30s',
    annotations: { list: [] },
    links: [],
    templating: {
      list: [
        {
          name: 'datasource',
          label: 'Prometheus',
          type: 'datasource',
          query: 'prometheus',
          current: {},
          hide: 0,
          refresh: 1,
        },
      ],
    },
    panels,
  };
}

/** The helpers the bundle's templates call (spread into the template data next to helpers.ts's). */
export const opsHelpers = {
  alertGuide,
  badgePath,
  budget,
  dashboardUid,
  deployDefaults,
  escalateAfter,
  gateCatalog,
  grafanaDashboard,
  headingAnchor,
  indent,
  loadThresholds,
  metricNames,
  metricSelector,
  opsMetrics,
  percent,
  readinessLevels,
  routeTemplate,
  runbookPath,
  seconds,
  sloById,
  sloQuery,
  targetLevel,
};
export type OpsHelpers = typeof opsHelpers;

/**
 * Trees rendered once per alert (`alert`, `guide` and the `alertSlug` file-name substitution in the data): the
 * `perAlert` list of trees.json.
 */
export function perAlertTrees(): string[] {
  const list = JSON.parse(readFileSync(join(packageRoot, 'trees.json'), 'utf8')) as { perAlert?: string[] };
  return [...(list.perAlert ?? [])];
}

/**
 * What to render once per alert: for each per-alert tree and each alert of the model, the tree's `files`
 * directory and the EJS data (`base`, normally `templateData(model)`, plus `alert`, `guide`, `alertSlug` and
 * the ops helpers). The service generator calls `generateFiles(tree, dir, target, data)` for each.
 */
export function perAlertRenders<T extends object>(
  model: ServiceModel,
  base: T,
  alerts: AlertModel[] = model.alerts,
): {
  dir: string;
  data: T & OpsHelpers & { alert: AlertModel; guide: AlertGuide | undefined; alertSlug: string };
}[] {
  return perAlertTrees().flatMap((tree) =>
    alerts.map((alert) => ({
      dir: join(packageRoot, tree, 'files'),
      data: { ...opsHelpers, ...base, alert, guide: alertGuide(model, alert), alertSlug: alert.slug },
    })),
  );
}
