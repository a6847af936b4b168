import type { ChangeClass } from '../types.js';

/** Which way the affected data flows: into the API, out of it, or both (the whole operation). */
export type RuleDirection = 'input' | 'output' | 'both';

export interface StructuralRule {
  class: ChangeClass;
  direction: RuleDirection;
  title: string;
  example: string;
}

const r = (cls: ChangeClass, direction: RuleDirection, title: string, example: string): StructuralRule => ({
  class: cls,
  direction,
  title,
  example,
});

/** OpenAPI rules other than the schema ones (those are `request-*`, `response-*`, `webhook-*`). */
export const OPENAPI_RULE_TABLE = {
  'path-removed': r('breaking', 'both', 'path removed', '/orders/{id} removed'),
  'path-removed-after-sunset': r(
    'warning',
    'both',
    'deprecated path removed after its Sunset date',
    'every operation deprecated: true with Sunset 2025-01-01, then removed',
  ),
  'path-added': r('info', 'both', 'path added', '/orders/{id}/items added'),
  'operation-removed': r('breaking', 'both', 'operation removed', 'POST /orders removed'),
  'operation-removed-after-sunset': r(
    'warning',
    'both',
    'deprecated operation removed after its Sunset date',
    'deprecated: true, Sunset: Wed, 01 Jan 2025 00:00:00 GMT, then removed',
  ),
  'operation-added': r('info', 'both', 'operation added', 'PATCH /orders/{id} added'),
  'operation-deprecated': r('info', 'both', 'operation deprecated', 'deprecated: true added'),
  'operation-id-changed': r(
    'warning',
    'both',
    'operationId changed (generated clients rename the method)',
    'listOrders → getOrders',
  ),
  'parameter-added-required': r('breaking', 'input', 'required parameter added', 'query tenant (required)'),
  'parameter-added': r('info', 'input', 'optional parameter added', 'query cursor'),
  'parameter-removed': r(
    'warning',
    'input',
    'parameter removed',
    'query filter removed (clients still sending it are ignored)',
  ),
  'parameter-became-required': r('breaking', 'input', 'parameter became required', 'limit: required: true'),
  'parameter-became-optional': r('info', 'input', 'parameter became optional', 'limit: required removed'),
  'parameter-style-changed': r(
    'breaking',
    'input',
    'parameter serialization changed',
    'ids: style form, explode true → explode false (ids=1&ids=2 → ids=1,2)',
  ),
  'request-body-added-required': r(
    'breaking',
    'input',
    'required request body added',
    'requestBody (required)',
  ),
  'request-body-became-required': r('breaking', 'input', 'request body became required', 'required: true'),
  'request-body-became-optional': r('info', 'input', 'request body became optional', 'required removed'),
  'request-body-removed': r('breaking', 'input', 'request body removed', 'requestBody removed'),
  'request-media-type-removed': r(
    'breaking',
    'input',
    'request media type removed',
    'application/xml removed',
  ),
  'request-media-type-added': r('info', 'input', 'request media type added', 'application/xml added'),
  'response-removed': r('breaking', 'output', 'response status removed', '422 removed'),
  'response-added': r('info', 'output', 'response status added', '409 added'),
  'response-media-type-removed': r('breaking', 'output', 'response media type removed', 'text/csv removed'),
  'response-media-type-added': r('info', 'output', 'response media type added', 'text/csv added'),
  'response-header-removed': r(
    'breaking',
    'output',
    'required response header removed',
    'ETag (required) removed',
  ),
  'response-header-optional-removed': r(
    'warning',
    'output',
    'optional response header removed',
    'X-Rate-Limit removed',
  ),
  'response-header-added': r('info', 'output', 'response header added', 'ETag added'),
  'response-header-became-optional': r(
    'breaking',
    'output',
    'response header became optional',
    'ETag: required removed',
  ),
  'response-header-became-required': r(
    'info',
    'output',
    'response header became required',
    'ETag: required: true',
  ),
  'security-added': r('breaking', 'input', 'authentication became required', 'security: [] → [bearerAuth]'),
  'security-removed': r('info', 'input', 'authentication no longer required', 'security → []'),
  'security-requirement-removed': r(
    'breaking',
    'input',
    'security alternative removed',
    '[bearer, apiKey] → [bearer]',
  ),
  'security-requirement-added': r(
    'info',
    'input',
    'security alternative added',
    '[bearer] → [bearer, apiKey]',
  ),
  'security-scope-added': r(
    'breaking',
    'input',
    'OAuth scope required',
    'oauth: [orders:read] → [orders:read, orders:admin]',
  ),
  'security-scope-removed': r(
    'info',
    'input',
    'OAuth scope no longer required',
    'oauth: [orders:read, orders:admin] → [orders:read]',
  ),
  'security-scheme-changed': r(
    'breaking',
    'input',
    'security scheme changed',
    'apiKey name X-Api-Key → X-Key',
  ),
  'server-removed': r(
    'breaking',
    'both',
    'server URL / base path removed or changed',
    'https://api.acme.io/v1 → /v2',
  ),
  'server-added': r('info', 'both', 'server URL added', 'https://eu.api.acme.io added'),
  'webhook-removed': r('breaking', 'output', 'webhook removed', 'webhooks.orderShipped removed'),
  'webhook-added': r('info', 'output', 'webhook added', 'webhooks.orderPaid added'),
  'callback-removed': r('breaking', 'output', 'callback removed', 'callbacks.onShipped removed'),
  'callback-added': r('info', 'output', 'callback added', 'callbacks.onShipped added'),
} as const satisfies Record<string, StructuralRule>;

/** AsyncAPI 3 rules other than the schema ones (`event-*`, `inbound-event-*` and their `-header` twins). */
export const ASYNCAPI_RULE_TABLE = {
  'channel-removed': r('breaking', 'both', 'channel removed', 'channels.orderCreated removed'),
  'channel-added': r('info', 'both', 'channel added', 'channels.orderShipped added'),
  'channel-renamed': r('info', 'both', 'channel id renamed, same address', 'orderCreated → orderCreatedV1'),
  'channel-address-changed': r(
    'breaking',
    'both',
    'channel address changed',
    'acme.order.created → acme.order.placed',
  ),
  'operation-removed': r('breaking', 'both', 'operation removed', 'operations.onPaymentSettled removed'),
  'operation-added': r('info', 'both', 'operation added', 'operations.onRefund added'),
  'operation-action-changed': r('breaking', 'both', 'operation action changed', 'send → receive'),
  'operation-channel-changed': r(
    'breaking',
    'both',
    'operation moved to another channel',
    'orderCreated → paymentSettled',
  ),
  'operation-security-added': r(
    'breaking',
    'input',
    'operation security added',
    'security: [] → [saslScram]',
  ),
  'operation-security-changed': r(
    'breaking',
    'input',
    'operation security changed',
    '[saslScram] → [oauth2]',
  ),
  'operation-security-removed': r('info', 'input', 'operation security removed', '[saslScram] → []'),
  'message-removed': r('breaking', 'both', 'message removed', 'messages.orderCreated removed'),
  'message-added': r('info', 'both', 'message added', 'messages.orderCreatedV2 added'),
  'message-content-type-changed': r(
    'breaking',
    'both',
    'message content type changed',
    'application/json → avro',
  ),
  'server-removed': r('breaking', 'both', 'server removed', 'servers.production removed'),
  'server-added': r('info', 'both', 'server added', 'servers.eu added'),
  'server-host-changed': r(
    'breaking',
    'both',
    'server host changed',
    'nats.acme.io:4222 → nats2.acme.io:4222',
  ),
  'server-pathname-changed': r('breaking', 'both', 'server pathname changed', '/v1 → /v2'),
  'server-protocol-changed': r('breaking', 'both', 'server protocol changed', 'nats → kafka'),
  'server-security-added': r('breaking', 'input', 'server security added', 'security: [] → [saslScram]'),
  'server-security-changed': r('breaking', 'input', 'server security changed', '[saslScram] → [oauth2]'),
  'server-security-removed': r('info', 'input', 'server security removed', '[saslScram] → []'),
} as const satisfies Record<string, StructuralRule>;

/** A spec file deleted since the base (`--base` only). */
export const SPEC_REMOVED = r('breaking', 'both', 'spec file deleted', 'openapi/orders.yaml deleted');
