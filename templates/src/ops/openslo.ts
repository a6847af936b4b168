/**
 * Reads the objectives back out of a service's ops/slos.yaml, so the file a person edits is the source the next
 * generator run derives alerts, dashboard, docs and load thresholds from. Reads OpenSLO v1 (what the generator
 * writes: kind SLO documents, the Shipshape id in the `shipshape.dev/slo` label, the latency threshold in the
 * `shipshape.dev/threshold-ms` annotation) and the older `slos:` list (for the migration that converts it).
 */
import { parseAllDocuments } from 'yaml';
import type { SloOverrides } from '../model/types.js';

type Loose = Record<string, unknown>;
const isRecord = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Which format a slos file is in: `openslo`, `legacy` (the `slos:` list) or undefined (neither, or not YAML). */
export function sloFileFormat(text: string): 'openslo' | 'legacy' | undefined {
  const docs = parseAllDocuments(text);
  if (docs.some((d) => d.errors.length > 0)) return undefined;
  const values = docs.map((d) => d.toJS() as unknown);
  if (values.some((v) => isRecord(v) && v.apiVersion === 'openslo/v1')) return 'openslo';
  if (values.length === 1 && isRecord(values[0]) && Array.isArray(values[0].slos)) return 'legacy';
  return undefined;
}

/** The objective, window and latency threshold of each SLO the file declares, by Shipshape SLO id. */
export function readSloOverrides(text: string): SloOverrides {
  const format = sloFileFormat(text);
  const out: SloOverrides = {};
  if (!format) return out;
  const values = parseAllDocuments(text).map((d) => d.toJS() as unknown);
  if (format === 'legacy') {
    for (const s of (values[0] as { slos: unknown[] }).slos) {
      if (!isRecord(s) || typeof s.id !== 'string') continue;
      out[s.id] = {
        ...(num(s.objective) !== undefined ? { objective: num(s.objective) } : {}),
        ...(typeof s.window === 'string' ? { window: s.window } : {}),
        ...(num(s.thresholdMs) !== undefined ? { thresholdMs: num(s.thresholdMs) } : {}),
      };
    }
    return out;
  }
  for (const v of values) {
    if (!isRecord(v) || v.kind !== 'SLO' || !isRecord(v.metadata) || !isRecord(v.spec)) continue;
    const labels = isRecord(v.metadata.labels) ? v.metadata.labels : {};
    const notes = isRecord(v.metadata.annotations) ? v.metadata.annotations : {};
    const id = labels['shipshape.dev/slo'];
    if (typeof id !== 'string') continue;
    const objective =
      Array.isArray(v.spec.objectives) && isRecord(v.spec.objectives[0])
        ? v.spec.objectives[0].target
        : undefined;
    const window =
      Array.isArray(v.spec.timeWindow) && isRecord(v.spec.timeWindow[0])
        ? v.spec.timeWindow[0].duration
        : undefined;
    const threshold = Number(notes['shipshape.dev/threshold-ms']);
    out[id] = {
      ...(num(objective) !== undefined ? { objective: num(objective) } : {}),
      ...(typeof window === 'string' ? { window } : {}),
      ...(Number.isFinite(threshold) && threshold > 0 ? { thresholdMs: threshold } : {}),
    };
  }
  return out;
}
