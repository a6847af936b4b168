/** The default SLOs of a tier (ops/data/slos.yaml), their PromQL SLIs and the load-test thresholds they imply. */
import type { LoadThresholds, ServiceModel, SloModel, SloOverrides, Tier } from '../model/types.js';
import { fill, load, metricNames, metricSelector } from './data.js';
import { budget, seconds } from './format.js';

interface SloDef {
  id: string;
  name: string;
  window: string;
  objective: Record<Tier, number>;
  thresholdMs?: Record<Tier, number>;
  sli: string;
  good: string;
  total: string;
  description: string;
}

function sloDefs(): SloDef[] {
  return load<{ slos: SloDef[] }>('slos.yaml').slos;
}

function sliOf(
  def: SloDef,
  service: string,
  window: string,
  thresholdMs: number | undefined,
  text: string = def.sli,
): string {
  return fill(text, {
    metrics: metricNames(),
    selector: metricSelector(service),
    window,
    thresholdSeconds: thresholdMs === undefined ? '' : seconds(thresholdMs),
  });
}

/**
 * The default SLOs of a tier. `service` scopes the SLI queries (`job="<service>"`); without it the SLI is the
 * prose description (the PromQL needs the service's selector). `overrides` (read back from the service's
 * ops/slos.yaml) replace the tier's objective, window and latency threshold of the SLOs they name.
 */
export function defaultSlos(tier: Tier, service?: string, overrides: SloOverrides = {}): SloModel[] {
  return sloDefs().map((def) => {
    const own = overrides[def.id] ?? {};
    const thresholdMs = def.thresholdMs ? (own.thresholdMs ?? def.thresholdMs[tier]) : undefined;
    const objective = own.objective ?? def.objective[tier];
    const window = own.window ?? def.window;
    const slo: SloModel = {
      id: def.id,
      name: def.name,
      objective,
      errorBudget: budget(objective),
      window,
      sli: service === undefined ? def.description : sliOf(def, service, window, thresholdMs),
      good: service === undefined ? '' : sliOf(def, service, window, thresholdMs, def.good),
      total: service === undefined ? '' : sliOf(def, service, window, thresholdMs, def.total),
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
  const def = sloDefs().find((d) => d.id === slo.id);
  return def ? sliOf(def, model.name, slo.window, slo.thresholdMs) : slo.sli;
}

/** The SLO with this id (throws when the model has none: a template must not render `undefined`). */
export function sloById(model: Pick<ServiceModel, 'slos'>, id: string): SloModel {
  const slo = model.slos.find((s) => s.id === id);
  if (!slo) throw new Error(`the model has no SLO "${id}"`);
  return slo;
}

/** The load-test thresholds the k6 script and the autocannon runner enforce, from the model's SLOs. */
export function loadThresholds(model: Pick<ServiceModel, 'slos'>): LoadThresholds {
  const p95 = sloById(model, 'latency-p95').thresholdMs;
  const p99 = sloById(model, 'latency-p99').thresholdMs;
  if (p95 === undefined || p99 === undefined) throw new Error('latency SLOs need thresholdMs');
  return { p95Ms: p95, p99Ms: p99, maxErrorRate: budget(sloById(model, 'error-rate').objective) };
}
