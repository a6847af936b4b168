import { owaspRules, owaspSeverity, type OwaspRule, type OwaspRuleId } from './owasp.js';
import { houseRules, type HouseRule } from './rules.js';
import { OWASP_RULES_ANCHOR } from './ruleset.js';
import { serviceRules, type ServiceRule } from './service-rules.js';

const formatsOf = (rule: HouseRule): string => {
  const names = [...(rule.formats ?? [])].map((f) => (f as { displayName?: string }).displayName ?? f.name);
  return names.join(', ');
};

/**
 * Renders docs/rules.md from the ruleset data: one section per rule, headed by the rule id so the
 * heading's anchor is the id. Never edited by hand: `npm run docs -w @shipshape/spectral-ruleset`
 * rewrites it and a test fails when it drifts.
 */
export function renderRulesDoc(): string {
  const lines: string[] = [
    '# Shipshape lint rules',
    '',
    '<!-- Generated from packages/spectral-ruleset/src/rules.ts, service-rules.ts and owasp.ts by `npm run docs`. Do not edit. -->',
    '',
    "The Shipshape ruleset extends Spectral's `spectral:oas` and `spectral:asyncapi` recommended rules",
    '(with `operation-operationId`, `operation-operationId-unique`, `operation-tags` and',
    '`operation-tag-defined` raised to errors) and the',
    `[OWASP API Security Top 10 ruleset](#${OWASP_RULES_ANCHOR}), and adds the house rules below. Each rule names the`,
    'readiness gate it evidences. Spectral rules run on one document; service rules need the whole',
    'service folder and run in `shipshape lint`.',
    '',
    '| rule | severity | gate | kind |',
    '|---|---|---|---|',
    ...Object.entries(houseRules).map(
      ([id, r]) =>
        `| [${id}](#${id}) | ${r.severity} | \`${r.gate}\` | Spectral (${formatsOf(r as HouseRule)}) |`,
    ),
    ...Object.entries(serviceRules).map(
      ([id, r]) => `| [${id}](#${id}) | ${r.severity} | \`${r.gate}\` | service |`,
    ),
    '',
    '## Spectral rules',
    '',
  ];
  for (const [id, rule] of Object.entries(houseRules) as [string, HouseRule][]) {
    const given = Array.isArray(rule.given) ? rule.given : [rule.given];
    lines.push(
      `### ${id}`,
      '',
      rule.description,
      '',
      `- severity: \`${rule.severity}\``,
      `- gate: \`${rule.gate}\``,
      `- formats: ${formatsOf(rule)}`,
      `- given: ${given.map((g) => '`' + g + '`').join(', ')}`,
      '',
    );
  }
  lines.push(...owaspSection());
  lines.push('## Service rules (`shipshape lint`)', '');
  for (const [id, rule] of Object.entries(serviceRules) as [string, ServiceRule][]) {
    lines.push(
      `### ${id}`,
      '',
      rule.description,
      '',
      `- severity: \`${rule.severity}\``,
      `- gate: \`${rule.gate}\``,
      '',
    );
  }
  return lines.join('\n');
}

/** The OWASP rules: one table row each (severity as the house runs it, the gate), then why any is off. */
function owaspSection(): string[] {
  const entries = Object.entries(owaspRules) as [OwaspRuleId, OwaspRule][];
  return [
    '## OWASP API Security rules',
    '',
    'The ruleset extends `@stoplight/spectral-owasp-ruleset` (OWASP API Security Top 10, 2023) at the',
    'severities OWASP publishes: its errors fail `shipshape lint`, its warnings fail only with `--strict`.',
    'Each rule evidences the readiness gate below.',
    '',
    '| rule | severity | gate | asks |',
    '|---|---|---|---|',
    ...entries.map(([id, r]) => `| \`${id}\` | ${owaspSeverity(id)} | \`${r.gate}\` | ${r.asks} |`),
    '',
    ...entries.filter(([, r]) => r.off).flatMap(([id, r]) => [`Off: \`${id}\` — ${r.off}.`, '']),
  ];
}
