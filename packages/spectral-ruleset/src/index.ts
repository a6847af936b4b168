export {
  shipshapeRuleset,
  spectralHouseRules,
  ruleDocAnchor,
  RULES_DOC,
  OWASP_RULES_ANCHOR,
} from './ruleset.js';
export {
  houseRules,
  EXEMPT_PATHS,
  ERROR_CODE_PATTERN,
  EVENT_ADDRESS_PATTERN,
  type HouseRule,
  type HouseRuleId,
} from './rules.js';
export { serviceRules, type ServiceRule, type ServiceRuleId } from './service-rules.js';
export { GATES, type GateId } from './gates.js';
export {
  owasp,
  owaspRules,
  owaspRuleIds,
  owaspRuleset,
  owaspRuleGates,
  owaspSeverity,
  type OwaspRule,
  type OwaspSeverity,
  type OwaspRuleId,
} from './owasp.js';
export { createSpectral, lintDocument, type LintDocumentOptions } from './lint-document.js';
export { renderRulesDoc } from './docs.js';
export * as functions from './functions/index.js';

import { houseRules } from './rules.js';
import { serviceRules } from './service-rules.js';
import type { GateId } from './gates.js';
import { owaspRuleGates } from './owasp.js';

/** The readiness gate a rule id evidences (house, service or OWASP rule), or undefined for inherited rules. */
export function gateOf(ruleId: string): GateId | undefined {
  return (
    (houseRules as Record<string, { gate: GateId }>)[ruleId]?.gate ??
    (serviceRules as Record<string, { gate: GateId }>)[ruleId]?.gate ??
    owaspRuleGates[ruleId]
  );
}
