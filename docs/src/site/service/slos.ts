import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
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
  const slos = (await read<{ slos?: Slo[] }>('ops/slos.yaml'))?.slos ?? [];
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
