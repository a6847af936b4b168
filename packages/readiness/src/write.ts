import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeBadge } from 'badge-maker';
import { Document, isMap, parseDocument } from 'yaml';
import { loadCatalog, type Catalog } from './catalog.js';
import { withCustomGates } from './custom/load.js';
import { OWNER_MARKER } from './artifacts/markdown.js';
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
 * `--write`: records the result in the service folder — readiness.yaml (gate states, level, evaluatedAt; the
 * user's own keys such as `target` are kept), the status section of docs/SERVICE_READINESS.md between the
 * markers, and one SVG badge per gate group plus docs/badges/level.svg.
 */
export async function writeReadiness(
  result: ReadinessResult,
  catalog: Catalog = withCustomGates(loadCatalog(), result.serviceDir).catalog,
): Promise<WrittenFiles> {
  const out: WrittenFiles = { written: [], skipped: [] };
  const dir = result.serviceDir;

  await writeFile(join(dir, 'readiness.yaml'), await readinessYaml(join(dir, 'readiness.yaml'), result));
  out.written.push('readiness.yaml');

  const docFile = join(dir, 'docs', 'SERVICE_READINESS.md');
  const doc = await readFile(docFile, 'utf8').catch(() => undefined);
  if (doc === undefined) {
    out.skipped.push({ file: 'docs/SERVICE_READINESS.md', reason: 'the file does not exist' });
  } else {
    const begin = doc.indexOf(STATUS_BEGIN);
    const end = doc.indexOf(STATUS_END);
    if (begin === -1 || end === -1 || end < begin) {
      out.skipped.push({
        file: 'docs/SERVICE_READINESS.md',
        reason: `no ${STATUS_BEGIN} … ${STATUS_END} markers`,
      });
    } else {
      const section = statusSection(result, catalog);
      const next = `${doc.slice(0, begin + STATUS_BEGIN.length)}\n\n${section}\n\n${doc.slice(end)}`;
      await writeFile(docFile, next);
      out.written.push('docs/SERVICE_READINESS.md');
    }
  }

  await mkdir(join(dir, 'docs', 'badges'), { recursive: true });
  for (const group of catalog.groups) {
    const gates = result.gates.filter((g) => g.group === group.id);
    if (gates.length === 0) continue;
    const file = `docs/badges/${group.id}.svg`;
    await writeFile(
      join(dir, file),
      groupBadge(
        group.name,
        gates.map((g) => g.status),
      ),
    );
    out.written.push(file);
  }
  await writeFile(join(dir, 'docs', 'badges', 'level.svg'), levelBadge(result));
  out.written.push('docs/badges/level.svg');
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

async function readinessYaml(file: string, result: ReadinessResult): Promise<string> {
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  const parsed = existing !== undefined ? parseDocument(existing) : undefined;
  // Keep the user's keys and comments when the file is a mapping; otherwise start over.
  const keep = parsed && parsed.errors.length === 0 && (parsed.contents === null || isMap(parsed.contents));
  const doc: Document = keep ? (parsed as unknown as Document) : new Document({});
  if (!keep) {
    doc.commentBefore = [
      ' Readiness of this service, written by `shipshape readiness --write` from its artifacts and evidence.',
      ' Do not edit the gate states by hand: attest what only a person can say in readiness/attestations.yaml.',
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

export function statusSection(result: ReadinessResult, catalog: Catalog): string {
  const s = result.summary;
  const groups = catalog.groups
    .map((group) => ({ group, gates: result.gates.filter((g) => g.group === group.id) }))
    .filter((x) => x.gates.length > 0);
  const lines = [
    `![Readiness level](badges/level.svg)`,
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
