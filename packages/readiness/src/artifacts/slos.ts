import { parseAllDocuments } from 'yaml';
import type { EvalContext } from '../context.js';
import { from } from '../layout.js';

export interface Slo {
  id: string;
  name?: string;
  objective?: number;
  errorBudget?: number;
  window?: string;
  thresholdMs?: number;
  alerts: string[];
}

/**
 * The SLOs of every SLO file the layout names (`ops.slos` in shipshape.yaml, default ops/slos.yaml), or why one
 * cannot be read: OpenSLO v1 documents (each kind SLO: objective and window from its spec; the Shipshape id,
 * latency threshold and Prometheus rules from the `shipshape.dev/` label and annotations the generator writes),
 * or the older `slos:` list.
 */
export async function readSlos(ctx: EvalContext): Promise<Slo[] | string> {
  const files = ctx.layout.slos;
  if (files.length === 0) return `no SLO file (${from(ctx.layout, 'ops.slos')} names none)`;
  const out: Slo[] = [];
  for (const file of files) {
    const text = await ctx.text(file);
    if (text === undefined) return `${file} is missing (${from(ctx.layout, 'ops.slos')})`;
    const docs = parseAllDocuments(text);
    if (docs.some((d) => d.errors.length > 0)) return `${file} is not valid YAML`;
    out.push(...sloList(docs.map((d) => d.toJS() as unknown)));
  }
  return out;
}

function sloList(values: unknown[]): Slo[] {
  if (values.some((v) => isRecord(v) && v.apiVersion === 'openslo/v1')) return openSlos(values);
  const list = ((values[0] as { slos?: unknown[] } | null)?.slos ?? []).filter(isRecord);
  return list.map((s) => ({
    id: String(s.id ?? s.name ?? '?'),
    ...(typeof s.name === 'string' ? { name: s.name } : {}),
    ...(typeof s.objective === 'number' ? { objective: s.objective } : {}),
    ...(typeof s.errorBudget === 'number' ? { errorBudget: s.errorBudget } : {}),
    ...(typeof s.window === 'string' ? { window: s.window } : {}),
    ...(typeof s.thresholdMs === 'number' ? { thresholdMs: s.thresholdMs } : {}),
    alerts: Array.isArray(s.alerts) ? s.alerts.map(String) : [],
  }));
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function openSlos(values: unknown[]): Slo[] {
  return values
    .filter((v) => isRecord(v) && v.kind === 'SLO')
    .map((v) => {
      const doc = v as Record<string, unknown>;
      const meta = isRecord(doc.metadata) ? doc.metadata : {};
      const spec = isRecord(doc.spec) ? doc.spec : {};
      const labels = isRecord(meta.labels) ? meta.labels : {};
      const notes = isRecord(meta.annotations) ? meta.annotations : {};
      const first = (list: unknown) => (Array.isArray(list) && isRecord(list[0]) ? list[0] : {});
      const objective = first(spec.objectives).target;
      const window = first(spec.timeWindow).duration;
      const threshold = Number(notes['shipshape.dev/threshold-ms']);
      const id = labels['shipshape.dev/slo'] ?? meta.name;
      const name = meta.displayName ?? meta.name;
      return {
        id: String(id ?? '?'),
        ...(typeof name === 'string' ? { name } : {}),
        ...(typeof objective === 'number' ? { objective } : {}),
        ...(typeof window === 'string' ? { window } : {}),
        ...(Number.isFinite(threshold) && threshold > 0 ? { thresholdMs: threshold } : {}),
        alerts: String(notes['shipshape.dev/prometheus-alerts'] ?? '')
          .split(',')
          .map((a) => a.trim())
          .filter(Boolean),
      };
    });
}

/** The least availability a tier may promise (seed 000 §3 committed SLOs; t0 is the strictest). */
export const MIN_AVAILABILITY: Record<string, number> = { t0: 0.999, t1: 0.995, t2: 0.99, t3: 0.95 };
/** The slowest latency threshold an objective may set before it promises nothing. */
export const MAX_LATENCY_MS = 10_000;

/** What makes the SLOs insane for the tier: objectives outside (0, 1), availability below the tier's floor, ... */
export function sloSanity(slos: Slo[], tier: string | undefined): string[] {
  const problems: string[] = [];
  const floor = MIN_AVAILABILITY[tier ?? ''] ?? 0.99;
  for (const s of slos) {
    const label = `${s.id}`;
    if (s.objective === undefined) {
      problems.push(`${label} has no objective`);
      continue;
    }
    if (!(s.objective > 0 && s.objective < 1))
      problems.push(
        `${label} objective ${s.objective} must be between 0 and 1 (exclusive: 1 leaves no error budget)`,
      );
    else if (/availab/i.test(`${s.id} ${s.name ?? ''}`) && s.objective < floor)
      problems.push(
        `${label} objective ${s.objective} is below ${floor}, the least a ${tier ?? 'service'} may promise`,
      );
    else if (s.objective < 0.9)
      problems.push(`${label} objective ${s.objective} is below 0.9: it promises nothing`);
    if (s.errorBudget !== undefined && Math.abs(s.errorBudget - (1 - s.objective)) > 1e-9)
      problems.push(
        `${label} errorBudget ${s.errorBudget} is not 1 - objective (${+(1 - s.objective).toFixed(6)})`,
      );
    if (/latenc/i.test(`${s.id} ${s.name ?? ''}`)) {
      if (s.thresholdMs === undefined) problems.push(`${label} has no thresholdMs`);
      else if (!(s.thresholdMs > 0 && s.thresholdMs <= MAX_LATENCY_MS))
        problems.push(`${label} thresholdMs ${s.thresholdMs} must be within 1..${MAX_LATENCY_MS}`);
    }
  }
  return problems;
}

/** The load thresholds the SLOs set: p95 / p99 latency and the error budget of the error-rate SLO. */
export function loadThresholds(slos: Slo[]): { p95Ms?: number; p99Ms?: number; maxErrorRate?: number } {
  const find = (re: RegExp) => slos.find((s) => re.test(s.id));
  const p95 = find(/p95/)?.thresholdMs;
  const p99 = find(/p99/)?.thresholdMs;
  const errors = find(/error/);
  const budget = errors?.errorBudget ?? (errors?.objective !== undefined ? 1 - errors.objective : undefined);
  return {
    ...(p95 !== undefined ? { p95Ms: p95 } : {}),
    ...(p99 !== undefined ? { p99Ms: p99 } : {}),
    ...(budget !== undefined ? { maxErrorRate: budget } : {}),
  };
}
