/** The marker of what only a person can write (DESIGN.md): the readiness evaluator counts what remains. */
export const TODO = 'TODO(owner):';

/** A Markdown table cell: no pipes, no line breaks. */
export const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

export function table(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** Relative link from one service file to another (both service-relative, `/`-separated). */
export function linkFrom(from: string, to: string): string {
  const up = from.split('/').length - 1;
  return `${'../'.repeat(up)}${to}`;
}
