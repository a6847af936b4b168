import { houseRules, type HouseRule } from './rules.js';
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
    '<!-- Generated from packages/spectral-ruleset/src/rules.ts and service-rules.ts by `npm run docs`. Do not edit. -->',
    '',
    "The Shipshape ruleset extends Spectral's `spectral:oas` and `spectral:asyncapi` recommended rules",
    '(with `operation-operationId`, `operation-operationId-unique`, `operation-tags` and',
    '`operation-tag-defined` raised to errors) and adds the house rules below. Each rule names the',
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
