import { DIFF_RULES } from '../rules/catalog.js';
import type { Change, DiffReport } from '../types.js';

export interface Compared {
  file: string;
  /** With --base, where the spec was at the ref when the descriptor moved it (root-relative). */
  base?: string;
  report: DiffReport;
  /** The new document's text (SARIF locates changes in it). */
  text?: string;
}

const downgradeNote = (c: Change) =>
  c.downgraded ? ` (downgraded from ${c.downgraded.from}: ${c.downgraded.reason})` : '';

export function verdict(report: DiffReport): string {
  if (report.failed)
    return report.breaking > 0 && !report.majorBumped
      ? 'FAIL: breaking change without a major version bump'
      : 'FAIL: warnings fail this run (--fail-on warning)';
  return report.breaking > 0 ? 'ok: breaking changes allowed by the major version bump' : 'ok';
}

export const summary = ({ file, report }: Compared) =>
  `${file}: ${report.breaking} breaking, ${report.warning} warning, ${report.info} info (${report.oldVersion ?? '?'} → ${report.newVersion ?? '?'}) ${verdict(report)}`;

export const textLines = ({ file, report }: Compared) =>
  report.changes.map((c) => `${file}#${c.pointer} ${c.class} ${c.rule} ${c.message}${downgradeNote(c)}`);

const md = (s: string) => s.replace(/\|/g, '\\|');

export function markdown(compared: Compared[]): string {
  const out = ['# shipshape diff', ''];
  for (const entry of compared) {
    const { file, report } = entry;
    out.push(`## ${file}`, '', summary(entry).slice(file.length + 2), '');
    if (report.changes.length === 0) {
      out.push('No changes.', '');
      continue;
    }
    out.push('| class | rule | old | new | message |', '|---|---|---|---|---|');
    for (const c of report.changes)
      out.push(
        `| ${c.class} | \`${c.rule}\` | \`${md(c.before)}\` | \`${md(c.after)}\` | ${md(c.message + downgradeNote(c))} |`,
      );
    out.push('');
  }
  return out.join('\n');
}

const LEVEL = { breaking: 'error', warning: 'warning', info: 'note' } as const;

/** SARIF 2.1.0 (GitHub code scanning): one result per change, located in the new document. */
export function sarif(
  compared: Compared[],
  version: string,
  lineOf: (text: string, pointer: string) => number,
): string {
  const used = new Set(compared.flatMap(({ report }) => report.changes.map((c) => c.rule)));
  const rules = DIFF_RULES.filter(
    (r, i) => used.has(r.id) && DIFF_RULES.findIndex((x) => x.id === r.id) === i,
  );
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = compared.flatMap(({ file, report, text }) =>
    report.changes.map((c) => ({
      ruleId: c.rule,
      ruleIndex: index.get(c.rule),
      level: LEVEL[c.class],
      message: { text: c.message + downgradeNote(c) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: file.split('\\').join('/') },
            region: { startLine: text ? lineOf(text, c.after) : 1 },
          },
          logicalLocations: [{ fullyQualifiedName: c.after, kind: 'member' }],
        },
      ],
      properties: {
        class: c.class,
        before: c.before,
        after: c.after,
        ...(c.downgraded ? { downgraded: c.downgraded } : {}),
      },
    })),
  );
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'shipshape-diff',
              version,
              rules: rules.map((r) => ({
                id: r.id,
                shortDescription: { text: r.title },
                fullDescription: { text: `${r.title} (e.g. ${r.example})` },
                defaultConfiguration: { level: LEVEL[r.class] },
                properties: { class: r.class, direction: r.direction, spec: r.spec },
              })),
            },
          },
          results,
        },
      ],
    },
    null,
    2,
  );
}
