/**
 * What a YAML/JSON file of a service is, from its content rather than its place: OpenAPI, AsyncAPI, Prometheus
 * rules, SLOs, Kubernetes manifests, a Helm chart.
 */
import { parseAllDocuments } from 'yaml';

export type ArtifactKind =
  'openapi' | 'asyncapi' | 'prometheus-rules' | 'slos' | 'k8s-manifest' | 'helm-chart';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The parsed documents of a YAML/JSON text (several for a multi-document YAML), or undefined when it does not parse. */
export function parseDocs(text: string): unknown[] | undefined {
  try {
    const docs = parseAllDocuments(text);
    if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return undefined;
    return docs.map((d) => d.toJS() as unknown).filter((v) => v !== null && v !== undefined);
  } catch {
    return undefined;
  }
}

/** The kind of a file, or undefined when it is none of the artifacts Shipshape judges. */
export function classify(path: string, docs: unknown[]): ArtifactKind | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === 'Chart.yaml') return 'helm-chart';
  const first = docs[0];
  if (!isRecord(first)) return undefined;
  if (typeof first.openapi === 'string' || typeof first.swagger === 'string') return 'openapi';
  if (typeof first.asyncapi === 'string') return 'asyncapi';
  if (
    Array.isArray(first.groups) &&
    first.groups.length > 0 &&
    first.groups.every((g) => isRecord(g) && Array.isArray(g.rules))
  )
    return 'prometheus-rules';
  if (
    (typeof first.apiVersion === 'string' && first.apiVersion.startsWith('openslo/')) ||
    (Array.isArray(first.slos) && first.slos.every(isRecord))
  )
    return 'slos';
  if (docs.every((d) => isRecord(d) && typeof d.apiVersion === 'string' && typeof d.kind === 'string'))
    return 'k8s-manifest';
  return undefined;
}

export interface AlertFact {
  name: string;
  file: string;
  severity?: string;
  summary?: string;
  expr: string;
  runbookUrl?: string;
}

/** The alerting rules of a Prometheus rule file. */
export function alertsOf(file: string, doc: unknown): AlertFact[] {
  if (!isRecord(doc) || !Array.isArray(doc.groups)) return [];
  const alerts: AlertFact[] = [];
  for (const group of doc.groups) {
    if (!isRecord(group) || !Array.isArray(group.rules)) continue;
    for (const rule of group.rules) {
      if (!isRecord(rule) || typeof rule.alert !== 'string') continue;
      const labels = isRecord(rule.labels) ? rule.labels : {};
      const annotations = isRecord(rule.annotations) ? rule.annotations : {};
      alerts.push({
        name: rule.alert,
        file,
        expr: typeof rule.expr === 'string' ? rule.expr : String(rule.expr ?? ''),
        ...(typeof labels.severity === 'string' ? { severity: labels.severity } : {}),
        ...(typeof annotations.summary === 'string' ? { summary: annotations.summary } : {}),
        ...(typeof annotations.runbook_url === 'string' ? { runbookUrl: annotations.runbook_url } : {}),
      });
    }
  }
  return alerts;
}

/** The readiness probe path of a Kubernetes manifest's containers (the first found). */
export function probePathOf(docs: unknown[]): string | undefined {
  let found: string | undefined;
  const visit = (v: unknown) => {
    if (found) return;
    if (Array.isArray(v)) v.forEach(visit);
    else if (isRecord(v)) {
      const probe = v.readinessProbe;
      if (isRecord(probe) && isRecord(probe.httpGet) && typeof probe.httpGet.path === 'string') {
        found = probe.httpGet.path;
        return;
      }
      Object.values(v).forEach(visit);
    }
  };
  docs.forEach(visit);
  return found;
}
