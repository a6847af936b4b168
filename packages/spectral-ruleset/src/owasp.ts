import published from '@stoplight/spectral-owasp-ruleset';
import type { RuleDefinition, RulesetDefinition } from '@stoplight/spectral-core';
import { GATES, type GateId } from './gates.js';

/** The OWASP API Security Top 10 (2023) ruleset (@stoplight/spectral-owasp-ruleset 2.x), as published. */
export const owasp = ((published as { default?: unknown }).default ?? published) as RulesetDefinition & {
  rules: Record<string, RuleDefinition>;
};

/** How Shipshape runs one OWASP rule: the gate it evidences, and why it is off when it is. */
export interface OwaspRule {
  /** What the rule requires of a document, in one line (the rules page and SARIF show it). */
  asks: string;
  gate: GateId;
  /** Set when the house ruleset turns the rule off: the documented reason. */
  off?: string;
}

/**
 * Every rule of the published OWASP ruleset, as data: the readiness gate it evidences (picked by what the rule
 * protects) and, for the one rule the house turns off, why. The house ruleset runs every other rule at the
 * severity OWASP publishes (errors stay errors).
 *
 * Gates without an exact match in the catalog (see the ruleset README): API4 resource-consumption rules (rate
 * limits, bounded inputs) evidence `sec.waf_rules`, the catalog's only abuse-protection gate; API7's "review how
 * this URL is handled" evidences `sec.threat_model`, where such a review is recorded.
 */
export const owaspRules = {
  'owasp:api1:2023-no-numeric-ids': {
    asks: 'parameters named `id`, `…Id`, `…_id` or `…-id` are not integers (random ids cannot be enumerated)',
    gate: GATES.secDataExposure,
  },
  'owasp:api2:2023-no-http-basic': {
    asks: 'no security scheme uses HTTP Basic',
    gate: GATES.secAuthentication,
  },
  'owasp:api2:2023-no-api-keys-in-url': {
    asks: 'API keys travel in a header or cookie, never in the path or query',
    gate: GATES.secAuthentication,
  },
  'owasp:api2:2023-no-credentials-in-url': {
    asks: 'no path or query parameter is named like a credential (token, password, secret, api key)',
    gate: GATES.secAuthentication,
  },
  'owasp:api2:2023-auth-insecure-schemes': {
    asks: 'no HTTP scheme is `negotiate` or `oauth` (1.0)',
    gate: GATES.secAuthentication,
  },
  'owasp:api2:2023-jwt-best-practices': {
    asks: 'a JWT (`bearerFormat: JWT`) or OAuth 2 scheme names RFC8725 in its description',
    gate: GATES.secAuthentication,
  },
  'owasp:api2:2023-short-lived-access-tokens': {
    asks: 'every OAuth 2 flow has a `refreshUrl`',
    gate: GATES.secAuthentication,
  },
  'owasp:api2:2023-write-restricted': {
    asks: 'every POST, PUT, PATCH and DELETE requires a security scheme',
    gate: GATES.secAuthentication,
  },
  'owasp:api2:2023-read-restricted': {
    asks: 'every GET and HEAD has a security requirement (`security: []` is a finding; `[{}]`, anonymous allowed, is not)',
    gate: GATES.secAuthentication,
  },
  'owasp:api3:2023-no-additionalProperties': {
    asks: '(OpenAPI 3.0) `additionalProperties`, when used, is false',
    gate: GATES.secDataExposure,
  },
  'owasp:api3:2023-constrained-additionalProperties': {
    asks: '(OpenAPI 3.0) an object with schema-valued `additionalProperties` has `maxProperties`',
    gate: GATES.secDataExposure,
  },
  'owasp:api3:2023-no-unevaluatedProperties': {
    asks: '(OpenAPI 3.1) `unevaluatedProperties`, when used, is false',
    gate: GATES.secDataExposure,
  },
  'owasp:api3:2023-constrained-unevaluatedProperties': {
    asks: '(OpenAPI 3.1) an object with schema-valued `unevaluatedProperties` has `maxProperties`',
    gate: GATES.secDataExposure,
  },
  'owasp:api4:2023-rate-limit': {
    asks: 'every 2xx and 4xx response declares rate-limit headers (`RateLimit`, or `RateLimit-Limit` + `RateLimit-Reset`, or `X-RateLimit-Limit`)',
    gate: GATES.secAbuse,
  },
  'owasp:api4:2023-rate-limit-retry-after': {
    asks: 'a 429 response declares `Retry-After`',
    gate: GATES.secAbuse,
  },
  'owasp:api4:2023-rate-limit-responses-429': {
    asks: 'every operation declares a 429 response with content',
    gate: GATES.secAbuse,
  },
  'owasp:api4:2023-array-limit': {
    asks: 'every array schema has `maxItems`',
    gate: GATES.secAbuse,
  },
  'owasp:api4:2023-string-limit': {
    asks: 'every string schema has `maxLength`, `enum` or `const`',
    gate: GATES.secAbuse,
  },
  'owasp:api4:2023-string-restricted': {
    asks: 'every string schema has `format`, `pattern`, `enum` or `const`',
    gate: GATES.secAbuse,
    off:
      'a warning in OWASP itself; every string is already bounded (owasp:api4:2023-string-limit, ' +
      'shipshape-input-string-bounded), and free text (names, descriptions, problem details) has no honest ' +
      'format or pattern',
  },
  'owasp:api4:2023-integer-limit': {
    asks: '(OpenAPI 3.1) every integer schema has a minimum and a maximum',
    gate: GATES.secAbuse,
  },
  'owasp:api4:2023-integer-limit-legacy': {
    asks: '(OpenAPI 2 / 3.0) every integer schema has `minimum` and `maximum`',
    gate: GATES.secAbuse,
  },
  'owasp:api4:2023-integer-format': {
    asks: 'every integer schema has a `format` (int32 or int64)',
    gate: GATES.secAbuse,
  },
  'owasp:api5:2023-admin-security-unique': {
    asks: '`/admin` operations do not share a security requirement with other operations',
    gate: GATES.secAuthentication,
  },
  'owasp:api7:2023-concerning-url-parameter': {
    asks: 'parameters that carry a URL (`callback`, `redirect`, `*_url`) are flagged for a server-side request forgery review',
    gate: GATES.threatModel,
  },
  'owasp:api8:2023-define-cors-origin': {
    asks: 'every `headers` object declares `Access-Control-Allow-Origin`',
    gate: GATES.secHeaders,
  },
  'owasp:api8:2023-no-scheme-http': {
    asks: '(OpenAPI 2) `schemes` are https or wss only',
    gate: GATES.secCrypto,
  },
  'owasp:api8:2023-no-server-http': {
    asks: 'no server URL is `http://`',
    gate: GATES.secCrypto,
  },
  'owasp:api8:2023-define-error-validation': {
    asks: 'every operation declares a 400, 422 or 4XX response',
    gate: GATES.errorEnvelope,
  },
  'owasp:api8:2023-define-error-responses-401': {
    asks: 'every operation declares a 401 response with content',
    gate: GATES.errorEnvelope,
  },
  'owasp:api8:2023-define-error-responses-500': {
    asks: 'every operation declares a 500 response with content',
    gate: GATES.errorEnvelope,
  },
  'owasp:api9:2023-inventory-access': {
    asks: 'every server states its audience with `x-internal` (true or false)',
    gate: GATES.openapiPresent,
  },
  'owasp:api9:2023-inventory-environment': {
    asks: 'every server description names its environment (local, staging, production, …)',
    gate: GATES.openapiPresent,
  },
} as const satisfies Record<string, OwaspRule>;

export type OwaspRuleId = keyof typeof owaspRules;

/** The OWASP rule ids the house ruleset runs (every one not turned off). */
export const owaspRuleIds = (Object.keys(owaspRules) as OwaspRuleId[]).filter(
  (id) => !(owaspRules[id] as OwaspRule).off,
);

/** The readiness gate each OWASP rule evidences. */
export const owaspRuleGates: Record<string, GateId> = Object.fromEntries(
  Object.entries(owaspRules).map(([id, r]) => [id, r.gate]),
);

/** OWASP as Shipshape runs it: every rule at its published severity, except those `owaspRules` turns off. */
export const owaspRuleset: RulesetDefinition = {
  extends: [[owasp, 'all']],
  rules: Object.fromEntries(
    Object.entries(owaspRules)
      .filter(([, r]) => (r as OwaspRule).off)
      .map(([id]) => [id, 'off' as const]),
  ),
};

const SEVERITY_NAMES = ['error', 'warn', 'info', 'hint'] as const;
export type OwaspSeverity = (typeof SEVERITY_NAMES)[number] | 'off';

/** The severity the house ruleset runs an OWASP rule at: OWASP's own, or `off` with a reason in `owaspRules`. */
export function owaspSeverity(id: OwaspRuleId): OwaspSeverity {
  if ((owaspRules[id] as OwaspRule).off) return 'off';
  const published = owasp.rules[id]?.severity;
  return typeof published === 'number' ? SEVERITY_NAMES[published] : (published as OwaspSeverity);
}
