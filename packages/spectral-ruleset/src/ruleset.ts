import type { RuleDefinition, RulesetDefinition } from '@stoplight/spectral-core';
import { asyncapi, oas } from '@stoplight/spectral-rulesets';
import { owaspRuleset } from './owasp.js';
import { houseRules, type HouseRule } from './rules.js';

/** Where each rule is documented: one section per rule in the generated page. */
export const RULES_DOC = 'docs/rules.md';
/** The OWASP rules share one table (their ids hold colons, which heading anchors spell differently per renderer). */
export const OWASP_RULES_ANCHOR = 'owasp-api-security-rules';
export const ruleDocAnchor = (id: string): string =>
  `${RULES_DOC}#${id.startsWith('owasp:') ? OWASP_RULES_ANCHOR : id}`;

/** A house rule as Spectral reads it: `gate` moves to an `x-` extension, which Spectral's schema allows. */
function toSpectral(id: string, rule: HouseRule): RuleDefinition {
  const { gate, ...definition } = rule;
  return { ...definition, ...{ 'x-shipshape-gate': gate, 'x-shipshape-doc': ruleDocAnchor(id) } };
}

/** The house rules in Spectral's rule format, keyed by rule id. */
export const spectralHouseRules: Record<string, RuleDefinition> = Object.fromEntries(
  Object.entries(houseRules).map(([id, rule]) => [id, toSpectral(id, rule as HouseRule)]),
);

/**
 * `oas` rules whose intent the house shares, raised from warnings to errors: a Shipshape spec is
 * judged by "lints clean", so what it requires must fail, not warn.
 */
const raisedOasRules = {
  'operation-operationId': 'error',
  'operation-operationId-unique': 'error',
  'operation-tags': 'error',
  'operation-tag-defined': 'error',
  // Shipshape services target AsyncAPI 3.0 on purpose (DESIGN.md; @asyncapi/parser 3.6 parses it);
  // a newer minor is not a finding.
  'asyncapi-latest-version': 'off',
} as const;

/**
 * The Shipshape ruleset: Spectral's `oas` and `asyncapi` recommended rules, the OWASP API Security Top 10
 * ruleset (`owaspRuleset`, owasp.ts: its published severities, each rule mapped to a gate) and the house rules
 * (each scoped by `formats`, so one ruleset lints both kinds of document).
 */
export const shipshapeRuleset: RulesetDefinition = {
  description: 'Shipshape house rules for OpenAPI 3.x and AsyncAPI 3.0 service contracts.',
  extends: [
    [oas as RulesetDefinition, 'recommended'],
    [asyncapi as RulesetDefinition, 'recommended'],
    owaspRuleset,
  ],
  rules: { ...raisedOasRules, ...spectralHouseRules },
};
