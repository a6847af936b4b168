import type { FileFindings } from './finding.js';
import { DURATION, isRecord } from './finding.js';

const RULE = 'shipshape-slos-valid';

/** The SLO kinds every service declares (DESIGN.md: availability, latency p95/p99, error rate). */
const KINDS: { kind: string; test: RegExp }[] = [
  { kind: 'availability', test: /availab/i },
  { kind: 'latency', test: /latency/i },
  { kind: 'error rate', test: /error/i },
];

/**
 * The objective as a ratio: 0.999 as written, or 99.9 read as a percentage. Undefined when it is
 * not strictly between 0 and 1 (0 % and 100 % are not objectives: 100 % leaves no error budget).
 */
export function objectiveRatio(value: unknown): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const ratio = value >= 1 ? value / 100 : value;
  return ratio > 0 && ratio < 1 ? ratio : undefined;
}

/** Checks ops/slos.yaml. `alertNames` are the alerts of ops/alerts.yaml, for the SLOs' `alerts` links. */
export function checkSlos(value: unknown, out: FileFindings, alertNames: Set<string>): void {
  if (!isRecord(value) || !Array.isArray(value.slos) || value.slos.length === 0) {
    out.add(RULE, 'SLO file must list SLOs under `slos`');
    return;
  }
  const ids = new Set<string>();
  const labels: string[] = [];
  for (const [i, slo] of value.slos.entries()) {
    const at = ['slos', i];
    if (!isRecord(slo)) {
      out.add(RULE, 'SLO must be a mapping', at);
      continue;
    }
    const id = typeof slo.id === 'string' ? slo.id : typeof slo.name === 'string' ? slo.name : undefined;
    if (!id) {
      out.add(RULE, 'SLO must have an id (or name)', at);
      continue;
    }
    if (ids.has(id)) out.add(RULE, `SLO ${id} is declared twice`, at);
    ids.add(id);
    labels.push(`${id} ${typeof slo.name === 'string' ? slo.name : ''}`);
    const ratio = objectiveRatio(slo.objective);
    if (ratio === undefined) {
      out.add(RULE, `SLO ${id}: objective must be a number strictly between 0 and 1 (or 0 and 100 %)`, [
        ...at,
        ...(slo.objective === undefined ? [] : ['objective']),
      ]);
    } else if (typeof slo.errorBudget === 'number' && Math.abs(slo.errorBudget - (1 - ratio)) > 1e-9) {
      out.add(
        RULE,
        `SLO ${id}: errorBudget ${slo.errorBudget} must equal 1 - objective (${+(1 - ratio).toFixed(9)})`,
        [...at, 'errorBudget'],
      );
    }
    if (typeof slo.window !== 'string' || !DURATION.test(slo.window)) {
      out.add(RULE, `SLO ${id}: window must be a duration (e.g. 30d)`, [
        ...at,
        ...(slo.window === undefined ? [] : ['window']),
      ]);
    }
    if (/latency/i.test(`${id} ${slo.name ?? ''}`)) {
      const ms = slo.thresholdMs;
      const duration = slo.threshold;
      const ok =
        (typeof ms === 'number' && ms > 0) || (typeof duration === 'string' && DURATION.test(duration));
      if (!ok)
        out.add(RULE, `latency SLO ${id} must have a positive thresholdMs (or a threshold duration)`, at);
    }
    if (
      slo.sli !== undefined &&
      !((typeof slo.sli === 'string' && slo.sli.trim() !== '') || isRecord(slo.sli))
    ) {
      out.add(RULE, `SLO ${id}: sli must be a PromQL expression (or good/total queries)`, [...at, 'sli']);
    }
    if (Array.isArray(slo.alerts)) {
      slo.alerts.forEach((name, j) => {
        if (typeof name !== 'string' || !alertNames.has(name)) {
          out.add(RULE, `SLO ${id}: alert ${JSON.stringify(name)} is not defined in ops/alerts.yaml`, [
            ...at,
            'alerts',
            j,
          ]);
        }
      });
    }
  }
  for (const { kind, test } of KINDS) {
    if (!labels.some((l) => test.test(l)))
      out.add(RULE, `SLOs must include an objective for ${kind}`, ['slos']);
  }
}
