import { GATES, type GateId } from './gates.js';

/**
 * Rules that need more than one document — the service folder — so Spectral cannot run them:
 * `shipshape lint` does. Listed here, beside the Spectral rules, so ids, gates and docs stay in one
 * catalog.
 */
export interface ServiceRule {
  description: string;
  severity: 'error' | 'warn';
  gate: GateId;
}

export const serviceRules = {
  'shipshape-openapi-present': {
    description: 'The service has exactly one OpenAPI document in `openapi/` and it parses as YAML/JSON.',
    severity: 'error',
    gate: GATES.openapiPresent,
  },
  'shipshape-asyncapi-present': {
    description: 'The service has an AsyncAPI document in `asyncapi/`.',
    severity: 'error',
    gate: GATES.asyncapiPresent,
  },
  'shipshape-asyncapi-parses': {
    description: 'The AsyncAPI document parses with `@asyncapi/parser` with no diagnostic of error severity.',
    severity: 'error',
    gate: GATES.asyncapiPresent,
  },
  'shipshape-error-registry-valid': {
    description:
      '`errors/error-codes.yaml` parses, and every entry has a `<ORG>.<SVC>.<CODE>` code (unique), an HTTP error `status` and a `title`.',
    severity: 'error',
    gate: GATES.errorCodesRegistered,
  },
  'shipshape-error-codes-registered': {
    description:
      'The problem `code` enums of the OpenAPI document and the registry list the same codes: every enum code is registered, every registered code is reachable from some response.',
    severity: 'error',
    gate: GATES.errorCodesRegistered,
  },
  'shipshape-alerts-valid': {
    description:
      '`ops/alerts.yaml` is a Prometheus rule file: `groups` with unique names, each rule an `alert` (or `record`) with a non-empty `expr`, a valid `for` duration and a `severity` label.',
    severity: 'error',
    gate: GATES.runbooks,
  },
  'shipshape-alert-runbook': {
    description:
      'Every alert has an `annotations.runbook_url` that names `runbooks/<alert>.md`, and that file exists in the service.',
    severity: 'error',
    gate: GATES.runbooks,
  },
  'shipshape-slos-valid': {
    description:
      '`ops/slos.yaml` declares uniquely named SLOs, each with an objective strictly between 0 and 100 % and a window; it covers availability, latency (with a threshold) and error rate.',
    severity: 'error',
    gate: GATES.slos,
  },
} satisfies Record<string, ServiceRule>;

export type ServiceRuleId = keyof typeof serviceRules;
