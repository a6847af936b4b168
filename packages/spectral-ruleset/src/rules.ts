import type { RuleDefinition } from '@stoplight/spectral-core';
import { aas3, oas3 } from '@stoplight/spectral-formats';
import { casing, pattern, truthy } from '@stoplight/spectral-functions';
import {
  bearerSecurity,
  boundedSchemas,
  channelDeclared,
  closedObjects,
  cloudEventsEnvelope,
  eventTypeMatchesAddress,
  idempotencyKeyHeader,
  paginatedList,
  problemCodeEnum,
  problemMediaType,
  problemMembers,
} from './functions/index.js';
import { GATES, type GateId } from './gates.js';

/** A house rule: a Spectral rule definition plus the readiness gate it evidences. */
export type HouseRule = RuleDefinition & {
  description: string;
  message: string;
  severity: 'error' | 'warn';
  gate: GateId;
};

// JSONPath fragments, named once so each rule's `given` reads as a sentence.
const OPS = '[get,put,post,delete,patch,options,head,trace]';
const ALL_OPERATIONS = `$.paths[*]${OPS}`;
/** Business paths: the versioned API. Probes and /metrics sit outside it (and outside auth). */
const BUSINESS_OPERATIONS = `$.paths[?(@property.match(/^\\/api\\/v[0-9]+\\//))]${OPS}`;
/** Error responses of business operations (a readiness probe's 503 carries its checks, not a problem). */
const ERROR_RESPONSES = `${BUSINESS_OPERATIONS}.responses[?(@property.match(/^([45]([0-9][0-9]|XX)|default)$/))]`;
const PROBLEM = 'application/problem+json';
const PROBLEM_SCHEMAS = `${ERROR_RESPONSES}.content['${PROBLEM}'].schema`;
const INPUT_SCHEMAS = [
  `${ALL_OPERATIONS}.requestBody.content[*].schema`,
  `${ALL_OPERATIONS}.parameters[*].schema`,
  '$.paths[*].parameters[*].schema',
];

export const EXEMPT_PATHS = ['/health', '/health/live', '/health/ready', '/metrics'] as const;
export const ERROR_CODE_PATTERN = '^[A-Z][A-Z0-9_]*\\.[A-Z][A-Z0-9_]*\\.[A-Z][A-Z0-9_]*$';
export const EVENT_ADDRESS_PATTERN =
  '^[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*\\.v[1-9][0-9]*$';
const SEMVER = '^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$';
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The house rules, as data (like Spectral's own `oas` ruleset). Keys are the public rule ids; the
 * rule docs (docs/rules.md) are generated from this object.
 */
export const houseRules = {
  'shipshape-paths-versioned': {
    description: `Every business path is under \`/api/v<N>/\`; only the probes and \`/metrics\` (${EXEMPT_PATHS.map((p) => '`' + p + '`').join(', ')}) sit outside.`,
    message: '{{property}} is not under /api/v<N>/',
    severity: 'error',
    gate: GATES.versioning,
    formats: [oas3],
    given: '$.paths',
    then: {
      field: '@key',
      function: pattern,
      functionOptions: { match: `^(/api/v[1-9][0-9]*/|(${EXEMPT_PATHS.map(escapeRe).join('|')})$)` },
    },
  },
  'shipshape-info-version-semver': {
    description:
      '`info.version` is a semantic version: `shipshape diff` lets a breaking change through only with a major bump.',
    message: 'info.version {{value}} is not a semantic version (MAJOR.MINOR.PATCH)',
    severity: 'error',
    gate: GATES.versioning,
    formats: [oas3, aas3],
    given: '$.info',
    then: [
      { field: 'version', function: truthy },
      { field: 'version', function: pattern, functionOptions: { match: SEMVER } },
    ],
  },
  'shipshape-deprecated-sunset-headers': {
    description:
      'A deprecated operation documents the `Deprecation` and `Sunset` headers on its 2xx responses.',
    message: 'deprecated operation must document {{property}} on its 2xx responses',
    severity: 'error',
    gate: GATES.versioning,
    formats: [oas3],
    given: `$.paths[*][?(@ && @.deprecated === true && @property.match(/^(get|put|post|delete|patch|options|head|trace)$/))].responses[?(@property.match(/^2/))]`,
    then: [
      { field: 'headers.Deprecation', function: truthy },
      { field: 'headers.Sunset', function: truthy },
    ],
  },
  'shipshape-error-response-problem-json': {
    description: `Every 4xx, 5xx and \`default\` response of a business operation is \`${PROBLEM}\` (RFC 9457), and only that.`,
    message: '{{error}}',
    severity: 'error',
    gate: GATES.errorEnvelope,
    formats: [oas3],
    given: ERROR_RESPONSES,
    then: { function: problemMediaType, functionOptions: { mediaType: PROBLEM } },
  },
  'shipshape-problem-schema-members': {
    description:
      'The problem schema of an error response declares and requires `type`, `title`, `status` and `code`.',
    message: '{{error}}',
    severity: 'error',
    gate: GATES.errorEnvelope,
    formats: [oas3],
    given: PROBLEM_SCHEMAS,
    then: {
      function: problemMembers,
      functionOptions: { members: ['type', 'title', 'status', 'code'], required: true },
    },
  },
  'shipshape-problem-trace-id': {
    description: 'The problem schema declares `traceId`, so a failing call can be found in the traces.',
    message: '{{error}}',
    severity: 'error',
    gate: GATES.tracing,
    formats: [oas3],
    given: PROBLEM_SCHEMAS,
    then: { function: problemMembers, functionOptions: { members: ['traceId'], required: false } },
  },
  'shipshape-problem-code-enum': {
    description:
      'The problem `code` is an `enum` of `<ORG>.<SVC>.<CODE>` codes; `shipshape lint` checks the enums against errors/error-codes.yaml both ways.',
    message: '{{error}}',
    severity: 'error',
    gate: GATES.errorCodesRegistered,
    formats: [oas3],
    given: PROBLEM_SCHEMAS,
    then: { function: problemCodeEnum, functionOptions: { property: 'code', pattern: ERROR_CODE_PATTERN } },
  },
  'shipshape-post-idempotency-key': {
    description:
      'Every POST declares a required `Idempotency-Key` header parameter with `maxLength` ≤ 255 (`x-shipshape-idempotency: false` opts one out).',
    message: '{{error}}',
    severity: 'error',
    gate: GATES.idempotency,
    formats: [oas3],
    given: '$.paths[*].post',
    then: { function: idempotencyKeyHeader, functionOptions: { header: 'Idempotency-Key', maxLength: 255 } },
  },
  'shipshape-post-idempotency-responses': {
    description:
      'Every idempotent POST documents 409 (same key while the first request is in flight) and 422 (same key, other payload).',
    message:
      'idempotent POST must document {{property}} (409: same key in flight, 422: same key, other payload)',
    severity: 'error',
    gate: GATES.idempotency,
    formats: [oas3],
    given: "$.paths[*][?(@property === 'post' && @ && @['x-shipshape-idempotency'] !== false)].responses",
    then: [
      { field: '409', function: truthy },
      { field: '422', function: truthy },
    ],
  },
  'shipshape-operation-bearer-security': {
    description:
      'Every business operation requires bearer authentication (an `http` / `bearer` security scheme, no anonymous alternative).',
    message: '{{error}}',
    severity: 'error',
    gate: GATES.openapiPresent,
    formats: [oas3],
    given: BUSINESS_OPERATIONS,
    then: { function: bearerSecurity },
  },
  'shipshape-operation-401': {
    description: 'Every business operation documents its 401 (missing or invalid bearer token) response.',
    message: 'authenticated operation must document the 401 response',
    severity: 'error',
    gate: GATES.openapiPresent,
    formats: [oas3],
    given: `${BUSINESS_OPERATIONS}.responses`,
    then: { field: '401', function: truthy },
  },
  'shipshape-operation-id-camel-case': {
    description:
      'Every operation has a camelCase `operationId` (presence and uniqueness are the `oas` rules, raised to errors).',
    message: 'operationId {{value}} must be camelCase',
    severity: 'error',
    gate: GATES.openapiPresent,
    formats: [oas3],
    given: ALL_OPERATIONS,
    then: { field: 'operationId', function: casing, functionOptions: { type: 'camel' } },
  },
  'shipshape-operation-summary': {
    description: 'Every operation has a `summary`: it is the operation title in docs, catalogs and SDKs.',
    message: 'operation must have a summary',
    severity: 'error',
    gate: GATES.openapiPresent,
    formats: [oas3],
    given: ALL_OPERATIONS,
    then: { field: 'summary', function: truthy },
  },
  'shipshape-request-body-closed': {
    description:
      'Request body objects are closed: `additionalProperties: false` (or `unevaluatedProperties: false` with `allOf`), or maps bounded by `maxProperties`.',
    message: '{{error}}',
    severity: 'error',
    gate: GATES.openapiPresent,
    formats: [oas3],
    given: `${ALL_OPERATIONS}.requestBody.content[*].schema`,
    then: { function: closedObjects },
  },
  'shipshape-input-string-bounded': {
    description: 'Every string in a request body or parameter has `maxLength` (or is an `enum` / `const`).',
    message: '{{error}}',
    severity: 'error',
    gate: GATES.openapiPresent,
    formats: [oas3],
    given: INPUT_SCHEMAS,
    then: { function: boundedSchemas, functionOptions: { kind: 'string' } },
  },
  'shipshape-input-array-bounded': {
    description: 'Every array in a request body or parameter has `maxItems`.',
    message: '{{error}}',
    severity: 'error',
    gate: GATES.openapiPresent,
    formats: [oas3],
    given: INPUT_SCHEMAS,
    then: { function: boundedSchemas, functionOptions: { kind: 'array' } },
  },
  'shipshape-input-integer-bounded': {
    description: 'Every integer in a request body or parameter has a `minimum` and a `maximum`.',
    message: '{{error}}',
    severity: 'error',
    gate: GATES.openapiPresent,
    formats: [oas3],
    given: INPUT_SCHEMAS,
    then: { function: boundedSchemas, functionOptions: { kind: 'integer' } },
  },
  'shipshape-list-pagination': {
    description:
      'A list operation (a GET whose 200 body is an array or has an array `items`/`data` member) accepts `limit` (integer with a maximum) and `cursor` (string) query parameters.',
    message: '{{error}}',
    severity: 'error',
    gate: GATES.openapiPresent,
    formats: [oas3],
    given: `$.paths[*].get`,
    then: {
      function: paginatedList,
      functionOptions: { limit: 'limit', cursor: 'cursor', itemMembers: ['items', 'data'] },
    },
  },
  'shipshape-429-retry-after': {
    description: 'A documented 429 response declares the `Retry-After` header.',
    message: '429 response must declare the Retry-After header',
    severity: 'error',
    gate: GATES.openapiPresent,
    formats: [oas3],
    given: `${ALL_OPERATIONS}.responses['429']`,
    then: { field: 'headers.Retry-After', function: truthy },
  },
  'shipshape-channel-address-naming': {
    description:
      'Every AsyncAPI channel address is `<org>.<service>.<entity>.<verb>.v<N>` (lowercase, kebab-case words).',
    message: 'channel address {{value}} must be <org>.<service>.<entity>.<verb>.v<N>',
    severity: 'error',
    gate: GATES.eventNaming,
    formats: [aas3],
    given: '$.channels[*]',
    then: [
      { field: 'address', function: truthy },
      { field: 'address', function: pattern, functionOptions: { match: EVENT_ADDRESS_PATTERN } },
    ],
  },
  'shipshape-event-type-matches-address': {
    description: "Each message pins its CloudEvents `type` (`const`) to its channel's address.",
    message: '{{error}}',
    severity: 'error',
    gate: GATES.eventNaming,
    formats: [aas3],
    given: '$.channels[*]',
    then: { function: eventTypeMatchesAddress },
  },
  'shipshape-message-cloudevents-envelope': {
    description:
      'Every message carries the CloudEvents 1.0 attributes `id`, `source`, `specversion`, `type`, `time`, `subject`, `datacontenttype` in its payload or headers; a pinned `specversion` is "1.0".',
    message: '{{error}}',
    severity: 'error',
    gate: GATES.eventEnvelope,
    formats: [aas3],
    given: '$.channels[*].messages[*]',
    then: {
      function: cloudEventsEnvelope,
      functionOptions: {
        attributes: ['id', 'source', 'specversion', 'type', 'time', 'subject', 'datacontenttype'],
        specversion: '1.0',
      },
    },
  },
  'shipshape-operation-channel-declared': {
    description: 'Every AsyncAPI operation references a declared channel, and only messages of that channel.',
    message: '{{error}}',
    severity: 'error',
    gate: GATES.asyncapiPresent,
    formats: [aas3],
    given: '$.operations[*]',
    resolved: false,
    then: { function: channelDeclared },
  },
} satisfies Record<string, HouseRule>;

export type HouseRuleId = keyof typeof houseRules;
