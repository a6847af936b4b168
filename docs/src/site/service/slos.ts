import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { runbookUrl } from '@shipshape/contracts';
import { alertSlug } from '@shipshape/lint';
import { cell, code, esc } from '../util.js';
import type { ServicePages } from './pages.js';

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

export interface SloSources {
  /** SLO files and Prometheus rule files that exist, relative to the service folder. */
  slos: string[];
  alerts: string[];
  /** Where the descriptor (or the generated layout) says they are: named when none exists. */
  expected: { slos: string[]; alerts: string[] };
  pages: ServicePages;
  /** Where runbooks are published outside the repository (`{alert}` / `{slug}`). */
  urlPattern?: string;
}

const none = (what: string, expected: string[]) =>
  expected.length
    ? `No ${what} (looked for ${expected.map((f) => `\`${f}\``).join(', ')}).`
    : `No ${what}: the service's descriptor lists none.`;
const from = (files: string[]) =>
  `From ${files.map((f) => `<a href="source/${esc(f)}.html" target="_self"><code>${esc(f)}</code></a>`).join(', ')}.`;

/** The runbook of an alert: its page on the site, the wiki page its descriptor's URL pattern names, or none. */
function runbookOf(a: Alert, sources: SloSources): string {
  const url = a.annotations?.runbook_url;
  if (url) {
    const name = decodeURI(url.split(/[?#]/)[0]).split('/').pop()?.replace(/\.md$/, '');
    const page = name ? sources.pages.runbook(name) : undefined;
    if (page) return `[${page.title}](./${page.page})`;
    if (/^https?:\/\//.test(url)) return `[${cell(name || url)}](${url})`;
    return `${code(url)} (missing)`;
  }
  const slug = alertSlug(a.alert);
  const page = sources.pages.runbook(slug) ?? sources.pages.runbook(a.alert);
  if (page) return `[${page.title}](./${page.page}) (no \`runbook_url\` annotation)`;
  if (sources.urlPattern) {
    const link = runbookUrl(sources.urlPattern, a.alert, slug);
    return `[${cell(slug)}](${link}) (no \`runbook_url\` annotation)`;
  }
  return '—';
}

/** SLOs with the alerts that guard them and each alert's runbook, from where the descriptor puts them. */
export async function slosPage(serviceDir: string, service: string, sources: SloSources): Promise<string> {
  const slos: Slo[] = [];
  for (const rel of sources.slos) slos.push(...readSlos(await readFile(join(serviceDir, rel), 'utf8')));
  const alerts: Alert[] = [];
  for (const rel of sources.alerts) {
    const doc = parse(await readFile(join(serviceDir, rel), 'utf8')) as RuleFile | null;
    // A Prometheus rule file, or a PrometheusRule resource (its groups under spec).
    const groups = doc?.groups ?? doc?.spec?.groups ?? [];
    alerts.push(...groups.flatMap((g) => g.rules ?? []).filter((r) => r.alert));
  }
  const lines = [
    '---',
    `title: ${JSON.stringify(`${service} SLOs`)}`,
    '---',
    '',
    `# ${service}: SLOs, alerts and runbooks`,
    '',
    '## Service level objectives',
    '',
    sources.slos.length ? from(sources.slos) : none('SLO file', sources.expected.slos),
    '',
    ...(slos.length
      ? [
          '| SLO | objective | window | threshold | alerts | description |',
          '|---|---|---|---|---|---|',
          ...slos.map(
            (s) =>
              `| ${cell(s.name ?? s.id)} | ${s.objective !== undefined ? `${(s.objective * 100).toFixed(2).replace(/\.?0+$/, '')} %` : ''} | ${cell(s.window)} | ${s.thresholdMs ? `${s.thresholdMs} ms` : ''} | ${(s.alerts ?? []).map((a) => `[${a}](#${a.toLowerCase()})`).join(', ')} | ${cell(s.description)} |`,
          ),
        ]
      : []),
    '',
    '## Alerts',
    '',
    sources.alerts.length ? from(sources.alerts) : none('alert rule file', sources.expected.alerts),
    '',
    ...(alerts.length
      ? [
          '| alert | severity | for | summary | runbook |',
          '|---|---|---|---|---|',
          ...alerts.map(
            (a) =>
              `| <span id="${a.alert.toLowerCase()}">${code(a.alert)}</span> | ${cell(a.labels?.severity)} | ${cell(a.for)} | ${cell(a.annotations?.summary)} | ${runbookOf(a, sources)} |`,
          ),
        ]
      : []),
    '',
  ];
  return lines.join('\n');
}

interface RuleFile {
  groups?: { name: string; rules?: Alert[] }[];
  spec?: { groups?: { name: string; rules?: Alert[] }[] };
}

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * An SLO file: OpenSLO v1 documents (each kind SLO; the Shipshape id, latency threshold and Prometheus rules in
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
