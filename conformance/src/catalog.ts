import type { CheckDefinition } from './registry.js';

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The check catalog as a Markdown table (the README's copy is generated from it and tested). */
export function catalogMarkdown(checks: CheckDefinition[]): string {
  return [
    '| id | what it proves | gate | profile | severity | writes | needs |',
    '|---|---|---|---|---|---|---|',
    ...checks.map(
      (c) =>
        `| \`${c.id}\` | ${cell(c.title)} | \`${c.gate}\` | ${c.profile ?? 'standard'} | ${c.severity ?? 'error'} | ${c.writes ? 'yes' : 'no'} | ${(c.requires ?? []).join(', ') || '—'} |`,
    ),
  ].join('\n');
}
