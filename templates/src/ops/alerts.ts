/**
 * The default alert rules of a tier (ops/data/alerts.yaml), filled for a service, with the guide each runbook is
 * written from, and where runbooks live.
 */
import { outboxDeadLetterCommand } from '@shipshape/contracts';
import type { AlertModel, ServiceModel, SloModel, Tier } from '../model/types.js';
import { fill, load, metricNames, metricSelector, type Vars } from './data.js';
import { budget, kindSlug, seconds } from './format.js';
import { sloQuery } from './slos.js';

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
  burnRate?: { factor: number; long: string; short: string };
  expr: string;
  summary: string;
  description: string;
  guide: AlertGuide;
}

interface AlertsFile {
  tiers: Record<Tier, Record<string, string | number>>;
  alerts: AlertDef[];
}

const alertsFile = (): AlertsFile => load<AlertsFile>('alerts.yaml');

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
  return {
    service: model.name,
    className: model.names.className,
    owner: model.owner,
    selector: metricSelector(model.name),
    metrics: metricNames(),
    slo: sloVars(model.slos),
    sli: Object.fromEntries(model.slos.map((s) => [s.id, sloQuery(model, s)])),
    t: alertsFile().tiers[model.tier],
    // The runbooks' psql commands for dead-lettered outbox events: the SQL the runtime's tests run.
    outboxAdmin: {
      list: outboxDeadLetterCommand('list'),
      requeue: outboxDeadLetterCommand('requeue'),
      discard: outboxDeadLetterCommand('discard'),
    },
  };
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
  return alertsFile()
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
      if (def.burnRate) alert.burnRate = { ...def.burnRate };
      return alert;
    });
}

/**
 * The runbook guide of a default alert (found by its name: `<ClassName><Kind>`), filled for the service;
 * undefined for an alert the `alert` generator added, whose runbook asks the owner to write it.
 */
export function alertGuide(model: AlertInputs, alert: Pick<AlertModel, 'name'>): AlertGuide | undefined {
  const def = alertsFile().alerts.find((d) => `${model.names.className}${d.kind}` === alert.name);
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
  return String(alertsFile().tiers[tier].escalateAfter);
}

/** The rule groups of a service's alerts: `<name>.slo` (the SLO burn rates) then `<name>.service`, empty ones left out. */
export function alertGroups(
  model: Pick<ServiceModel, 'name' | 'alerts'>,
): { name: string; alerts: AlertModel[] }[] {
  return [
    { name: `${model.name}.slo`, alerts: model.alerts.filter((a) => a.slo) },
    { name: `${model.name}.service`, alerts: model.alerts.filter((a) => !a.slo) },
  ].filter((g) => g.alerts.length > 0);
}
