import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, relative, sep } from 'node:path';
import { makeBadge } from 'badge-maker';
import { Document, isMap, parseDocument } from 'yaml';
import { loadCatalog, type Catalog } from './catalog.js';
import { withCustomGates } from './custom/load.js';
import { OWNER_MARKER } from './artifacts/markdown.js';
import { loadLayout, type ResolvedLayout } from './layout.js';
import { levelText } from './render.js';
import { worst } from './evaluators/support.js';
import { LEVEL_IDS, type GateStatus, type ReadinessResult } from './types.js';

/** The markers around the status section of docs/SERVICE_READINESS.md (templates/docs-bundle renders them). */
export const STATUS_BEGIN = '<!-- shipshape:readiness:begin -->';
export const STATUS_END = '<!-- shipshape:readiness:end -->';

export interface WrittenFiles {
  /** Paths relative to the service folder. */
  written: string[];
  /** What was not written, and why (e.g. SERVICE_READINESS.md without the markers). */
  skipped: { file: string; reason: string }[];
}

/**
 * `--write`: records the result in the service folder, where its shipshape.yaml says — the readiness file
 * (`readiness.file`, default readiness.yaml: gate states, level, evaluatedAt; the user's own keys such as
 * `target` are kept), the status section of the SERVICE_READINESS doc (`docs.bundle.SERVICE_READINESS`, default
 * docs/SERVICE_READINESS.md) between the markers, and one SVG badge per gate group plus level.svg in
 * `<docs.dir>/badges/`.
 */
export async function writeReadiness(
  result: ReadinessResult,
  catalog: Catalog = withCustomGates(loadCatalog(), result.serviceDir).catalog,
): Promise<WrittenFiles> {
  const out: WrittenFiles = { written: [], skipped: [] };
  const dir = result.serviceDir;
  const layout = loadLayout(dir);
  const readinessFile = layout.readiness.file;
  await mkdir(dirname(layout.abs(readinessFile)), { recursive: true });
  await writeFile(layout.abs(readinessFile), await readinessYaml(layout, result));
  out.written.push(readinessFile);

  const docPath = layout.docs.bundle.SERVICE_READINESS;
  const docFile = layout.abs(docPath);
  const doc = await readFile(docFile, 'utf8').catch(() => undefined);
  if (doc === undefined) {
    out.skipped.push({ file: docPath, reason: 'the file does not exist' });
  } else {
    const begin = doc.indexOf(STATUS_BEGIN);
    const end = doc.indexOf(STATUS_END);
    if (begin === -1 || end === -1 || end < begin) {
      out.skipped.push({
        file: docPath,
        reason: `no ${STATUS_BEGIN} … ${STATUS_END} markers`,
      });
    } else {
      const badge = relative(dirname(docFile), layout.abs(`${layout.docs.dir}/badges/level.svg`));
      const section = statusSection(result, catalog, badge.split(sep).join('/'));
      const next = `${doc.slice(0, begin + STATUS_BEGIN.length)}\n\n${section}\n\n${doc.slice(end)}`;
      await writeFile(docFile, next);
      out.written.push(docPath);
    }
  }

  const badges = `${layout.docs.dir}/badges`;
  await mkdir(layout.abs(badges), { recursive: true });
  for (const group of catalog.groups) {
    const gates = result.gates.filter((g) => g.group === group.id);
    if (gates.length === 0) continue;
    const file = `${badges}/${group.id}.svg`;
    await writeFile(
      layout.abs(file),
      groupBadge(
        group.name,
        gates.map((g) => g.status),
      ),
    );
    out.written.push(file);
  }
  await writeFile(layout.abs(`${badges}/level.svg`), levelBadge(result));
  out.written.push(`${badges}/level.svg`);
  return out;
}

const COLORS: Record<GateStatus, string> = { GREEN: 'brightgreen', AMBER: 'yellow', RED: 'red' };

export function groupBadge(name: string, statuses: GateStatus[]): string {
  const status = worst(statuses);
  const green = statuses.filter((s) => s === 'GREEN').length;
  const red = statuses.filter((s) => s === 'RED').length;
  const message = status === 'RED' ? `${red} red` : `${green}/${statuses.length} green`;
  return makeBadge({ label: name, message, color: COLORS[status] });
}

export function levelBadge(result: Pick<ReadinessResult, 'level' | 'target' | 'summary'>): string {
  const reached =
    result.level !== null && LEVEL_IDS.indexOf(result.level) >= LEVEL_IDS.indexOf(result.target);
  const color = result.summary.RED > 0 ? 'red' : reached ? 'brightgreen' : 'yellow';
  return makeBadge({
    label: 'readiness',
    message: `${levelText(result.level)} (target ${result.target})`,
    color,
  });
}

async function readinessYaml(layout: ResolvedLayout, result: ReadinessResult): Promise<string> {
  const existing = await readFile(layout.abs(layout.readiness.file), 'utf8').catch(() => undefined);
  const parsed = existing !== undefined ? parseDocument(existing) : undefined;
  // Keep the user's keys and comments when the file is a mapping; otherwise start over.
  const keep = parsed && parsed.errors.length === 0 && (parsed.contents === null || isMap(parsed.contents));
  const doc: Document = keep ? (parsed as unknown as Document) : new Document({});
  if (!keep) {
    doc.commentBefore = [
      ' Readiness of this service, written by `shipshape readiness --write` from its artifacts and evidence.',
      ` Do not edit the gate states by hand: attest what only a person can say in ${layout.readiness.attestations}.`,
      ' You may set `target: L<n>` (default: from the tier) and `evidenceMaxAgeDays` (default 30).',
    ].join('\n');
  }
  if (doc.contents === null) doc.contents = doc.createNode({});
  doc.set('service', result.service);
  doc.set('level', result.level);
  doc.set('evaluatedAt', result.evaluatedAt);
  doc.set('summary', { ...result.summary });
  doc.set(
    'gates',
    Object.fromEntries(
      result.gates.map((g) => [
        g.id,
        {
          status: g.status,
          level: g.level,
          judged: g.judged,
          ...(g.applies ? {} : { applies: false }),
          reason: safe(g.reason),
        },
      ]),
    ),
  );
  return doc.toString({ lineWidth: 0 });
}

/** Text written into the bundle must not carry the owner marker itself, or it would count as a stub. */
function safe(text: string): string {
  return text.split(OWNER_MARKER).join(OWNER_MARKER.slice(0, -1));
}

function cell(text: string): string {
  return safe(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A Markdown table padded the way Prettier pads it, so a formatted bundle stays formatted. */
export function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(3, h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

export function statusSection(result: ReadinessResult, catalog: Catalog, badge = 'badges/level.svg'): string {
  const s = result.summary;
  const groups = catalog.groups
    .map((group) => ({ group, gates: result.gates.filter((g) => g.group === group.id) }))
    .filter((x) => x.gates.length > 0);
  const lines = [
    `![Readiness level](${badge})`,
    '',
    `**Level ${levelText(result.level)}** (target ${result.target}) — ${s.GREEN} GREEN, ${s.AMBER} AMBER, ${s.RED} RED; evaluated ${result.evaluatedAt} by \`shipshape readiness --write\`.`,
    '',
    markdownTable(
      ['group', 'status', 'GREEN', 'AMBER', 'RED'],
      groups.map(({ group, gates }) => [
        group.name,
        worst(gates.map((g) => g.status)),
        String(gates.filter((g) => g.status === 'GREEN').length),
        String(gates.filter((g) => g.status === 'AMBER').length),
        String(gates.filter((g) => g.status === 'RED').length),
      ]),
    ),
    '',
    markdownTable(
      ['gate', 'level', 'status', 'reason'],
      result.gates.map((g) => [`\`${g.id}\``, g.level, g.applies ? g.status : 'n/a', cell(g.reason)]),
    ),
  ];
  return lines.join('\n');
}
