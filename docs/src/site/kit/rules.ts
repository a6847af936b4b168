import { renderRulesDoc } from '@shipshape/spectral-ruleset';

/** The Spectral ruleset reference, as the ruleset package renders it from its rule data. */
export function lintRulesPage(): string {
  return renderRulesDoc().replace(/^# Shipshape lint rules/m, '# Lint rules');
}

interface DiffRule {
  id?: string;
  class?: string;
  severity?: string;
  description?: string;
  message?: string;
}

/**
 * The diff rule table, when @shipshape/spec-diff exports `DIFF_RULES` (a list or a record of rules).
 * Returns undefined when it does not: the page is then left out of the site rather than written by hand.
 */
export async function diffRulesPage(): Promise<string | undefined> {
  const mod = (await import('@shipshape/spec-diff')) as Record<string, unknown>;
  const raw = mod.DIFF_RULES;
  if (!raw || typeof raw !== 'object') return undefined;
  const rules: DiffRule[] = Array.isArray(raw)
    ? (raw as DiffRule[])
    : Object.entries(raw as Record<string, DiffRule>).map(([id, r]) => ({ id, ...r }));
  const cellOf = (v: unknown) =>
    String(v ?? '')
      .replace(/\|/g, '\\|')
      .replace(/\n/g, ' ');
  return [
    '# Diff rules',
    '',
    '<!-- Generated at build time from DIFF_RULES of @shipshape/spec-diff. -->',
    '',
    '`shipshape diff <old> <new>` classifies every change with these rules; exit 1 on a breaking change.',
    '',
    '| rule | class | description |',
    '|---|---|---|',
    ...rules.map(
      (r) =>
        `| \`${cellOf(r.id)}\` | ${cellOf(r.class ?? r.severity)} | ${cellOf(r.description ?? r.message)} |`,
    ),
    '',
  ].join('\n');
}
