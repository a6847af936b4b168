/**
 * Operations data of a service: default SLOs per tier, default alert rules (with the guide each runbook is
 * written from), the metric names they query, and the pure helpers the ops/runbooks/docs/helm/k6 templates
 * call. Everything is read from the data files in `templates/ops/data/` (metrics.yaml, slos.yaml,
 * alerts.yaml): the docs, rules, dashboard and load thresholds are rendered from them, never retyped.
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
    sli: Object.fromEntries(model.slos.map((s) => [s.id, s.sli])),
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
