import { DIFF_RULES, type DiffRule } from './catalog.js';

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The rule table as Markdown (the package README embeds it; a spec keeps them equal). */
export function renderRuleTable(rules: readonly DiffRule[] = DIFF_RULES): string {
  const lines = ['| id | spec | class | direction | title | example |', '|---|---|---|---|---|---|'];
  for (const r of rules)
    lines.push(
      `| \`${r.id}\` | ${r.spec} | ${r.class} | ${r.direction} | ${cell(r.title)} | ${cell(r.example)} |`,
    );
  return lines.join('\n');
}
