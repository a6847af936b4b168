import { parse } from 'yaml';
import type { EvalContext } from '../context.js';

export interface Slo {
  id: string;
  name?: string;
  objective?: number;
  errorBudget?: number;
  window?: string;
  thresholdMs?: number;
  alerts: string[];
}

/** ops/slos.yaml's `slos:` list, or why it cannot be read. */
export async function readSlos(ctx: EvalContext): Promise<Slo[] | string> {
  const text = await ctx.text('ops/slos.yaml');
  if (text === undefined) return 'ops/slos.yaml is missing';
  try {
    const list = ((parse(text) as { slos?: unknown[] })?.slos ?? []).filter(
      (s): s is Record<string, unknown> => Boolean(s) && typeof s === 'object',
    );
    return list.map((s) => ({
      id: String(s.id ?? s.name ?? '?'),
      ...(typeof s.name === 'string' ? { name: s.name } : {}),
      ...(typeof s.objective === 'number' ? { objective: s.objective } : {}),
      ...(typeof s.errorBudget === 'number' ? { errorBudget: s.errorBudget } : {}),
      ...(typeof s.window === 'string' ? { window: s.window } : {}),
      ...(typeof s.thresholdMs === 'number' ? { thresholdMs: s.thresholdMs } : {}),
      alerts: Array.isArray(s.alerts) ? s.alerts.map(String) : [],
    }));
  } catch {
    return 'ops/slos.yaml is not valid YAML';
  }
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
