import type { FileFindings } from './finding.js';
import { parseAllDocuments } from 'yaml';
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

/**
 * ops/slos.yaml in OpenSLO v1 (what the generator writes: SLI, SLO and AlertPolicy documents) as the `slos:`
 * list checkSlos reads — the objective, window, threshold and Prometheus rules of each kind SLO document, the
 * last two from its `shipshape.dev/` annotations. Undefined when the file is not OpenSLO (or not valid YAML).
 */
export function openSloList(text: string): { slos: Record<string, unknown>[] } | undefined {
  const docs = parseAllDocuments(text);
  if (docs.some((d) => d.errors.length > 0)) return undefined;
  const values = docs.map((d) => d.toJS() as unknown);
  if (!values.some((v) => isRecord(v) && v.apiVersion === 'openslo/v1')) return undefined;
  const slos = values
    .filter((v) => isRecord(v) && v.kind === 'SLO')
    .map((v) => {
      const doc = v as Record<string, unknown>;
      const meta = isRecord(doc.metadata) ? doc.metadata : {};
      const spec = isRecord(doc.spec) ? doc.spec : {};
      const labels = isRecord(meta.labels) ? meta.labels : {};
      const notes = isRecord(meta.annotations) ? meta.annotations : {};
      const window =
        Array.isArray(spec.timeWindow) && isRecord(spec.timeWindow[0])
          ? spec.timeWindow[0].duration
          : undefined;
      const objective =
        Array.isArray(spec.objectives) && isRecord(spec.objectives[0])
          ? spec.objectives[0].target
          : undefined;
      const threshold = Number(notes['shipshape.dev/threshold-ms']);
      const alerts = String(notes['shipshape.dev/prometheus-alerts'] ?? '')
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean);
      return {
        id: typeof labels['shipshape.dev/slo'] === 'string' ? labels['shipshape.dev/slo'] : meta.name,
        name: meta.displayName ?? meta.name,
        objective,
        window,
        ...(Number.isFinite(threshold) ? { thresholdMs: threshold } : {}),
        sli: spec.indicatorRef ?? spec.indicator,
        alerts,
      };
    });
  return { slos };
}
