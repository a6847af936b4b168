import { renderRulesDoc } from '@shipshape/spectral-ruleset';

/** The Spectral ruleset reference, as the ruleset package renders it from its rule data. */
export function lintRulesPage(): string {
  return renderRulesDoc().replace(/^# Shipshape lint rules/m, '# Lint rules');
}

/**
 * The diff rule table, when @shipshape/spec-diff exports `DIFF_RULES` (rendered with the package's own
 * `renderRuleTable`, as its README is). Returns undefined when it does not: the page is then left out of the
 * site rather than written by hand.
 */
export async function diffRulesPage(): Promise<string | undefined> {
  const mod = (await import('@shipshape/spec-diff')) as Record<string, unknown>;
  const rules = mod.DIFF_RULES as readonly { spec: string; class: string }[] | undefined;
  const render = mod.renderRuleTable as ((rules?: readonly unknown[]) => string) | undefined;
  if (!Array.isArray(rules) || typeof render !== 'function') return undefined;
  const count = (cls: string) => rules.filter((r) => r.class === cls).length;
  return [
    '# Diff rules',
    '',
    '<!-- Generated at build time from DIFF_RULES of @shipshape/spec-diff. -->',
    '',
    '`shipshape diff <old> <new>` (or `--base <git-ref> <service-dir>`) classifies every change between two',
    `OpenAPI or AsyncAPI documents with these ${rules.length} rules (${count('breaking')} breaking); it exits 1 on a`,
    'breaking change unless the major version grew. `direction` says which side of the data the rule protects.',
    '',
    render(rules),
    '',
  ].join('\n');
}
