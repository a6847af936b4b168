import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { cell, code } from '../util.js';

interface Slo {
  id: string;
  name?: string;
  objective?: number;
  window?: string;
  thresholdMs?: number;
  description?: string;
  alerts?: string[];
}
interface Alert {
  alert: string;
  for?: string;
  labels?: { severity?: string };
  annotations?: { summary?: string; runbook_url?: string };
}

/** SLOs (ops/slos.yaml) with the alerts that guard them (ops/alerts.yaml) and each alert's runbook. */
export async function slosPage(serviceDir: string, service: string, runbooks: Set<string>): Promise<string> {
  const read = async <T>(rel: string) =>
    existsSync(join(serviceDir, rel))
      ? (parse(await readFile(join(serviceDir, rel), 'utf8')) as T)
      : undefined;
  const slos = existsSync(join(serviceDir, 'ops/slos.yaml'))
    ? readSlos(await readFile(join(serviceDir, 'ops/slos.yaml'), 'utf8'))
    : [];
  const groups =
    (await read<{ groups?: { name: string; rules?: Alert[] }[] }>('ops/alerts.yaml'))?.groups ?? [];
  const alerts = groups.flatMap((g) => g.rules ?? []).filter((r) => r.alert);
  const runbookOf = (a: Alert) => {
    const name = a.annotations?.runbook_url?.split('/').pop()?.replace(/\.md$/, '');
    return name && runbooks.has(name)
      ? `[${name}](./runbooks/${name})`
      : name
        ? `${code(name)} (missing)`
        : '—';
  };
  const lines = [
    '---',
    `title: ${JSON.stringify(`${service} SLOs`)}`,
    '---',
    '',
    `# ${service}: SLOs, alerts and runbooks`,
    '',
    '## Service level objectives',
    '',
    slos.length ? '| SLO | objective | window | threshold | alerts | description |' : 'No `ops/slos.yaml`.',
    ...(slos.length ? ['|---|---|---|---|---|---|'] : []),
    ...slos.map(
      (s) =>
        `| ${cell(s.name ?? s.id)} | ${s.objective !== undefined ? `${(s.objective * 100).toFixed(2).replace(/\.?0+$/, '')} %` : ''} | ${cell(s.window)} | ${s.thresholdMs ? `${s.thresholdMs} ms` : ''} | ${(s.alerts ?? []).map((a) => `[${a}](#${a.toLowerCase()})`).join(', ')} | ${cell(s.description)} |`,
    ),
    '',
    '## Alerts',
    '',
    alerts.length ? '| alert | severity | for | summary | runbook |' : 'No `ops/alerts.yaml`.',
    ...(alerts.length ? ['|---|---|---|---|---|'] : []),
    ...alerts.map(
      (a) =>
        `| <span id="${a.alert.toLowerCase()}">${code(a.alert)}</span> | ${cell(a.labels?.severity)} | ${cell(a.for)} | ${cell(a.annotations?.summary)} | ${runbookOf(a)} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * ops/slos.yaml: OpenSLO v1 documents (each kind SLO; the Shipshape id, latency threshold and Prometheus rules in
 * the generator's `shipshape.dev/` label and annotations) or the older `slos:` list.
 */
export function readSlos(text: string): Slo[] {
  const docs = parseAllDocuments(text).map((d) => d.toJS() as Doc | null);
  if (!docs.some((d) => d?.apiVersion === 'openslo/v1')) return (docs[0]?.slos as Slo[] | undefined) ?? [];
  return docs
    .filter((d): d is Doc => d?.kind === 'SLO')
    .map((d) => {
      const notes = (d.metadata?.annotations ?? {}) as Record<string, string>;
      const threshold = Number(notes['shipshape.dev/threshold-ms']);
      return {
        id: String(d.metadata?.labels?.['shipshape.dev/slo'] ?? d.metadata?.name),
        name: d.metadata?.displayName,
        objective: d.spec?.objectives?.[0]?.target,
        window: d.spec?.timeWindow?.[0]?.duration,
        ...(threshold > 0 ? { thresholdMs: threshold } : {}),
        description: d.spec?.description,
        alerts: (notes['shipshape.dev/prometheus-alerts'] ?? '')
          .split(',')
          .map((a) => a.trim())
          .filter(Boolean),
      };
    });
}
