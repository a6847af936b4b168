import type { Case } from '../harness.js';
import { withWebhook, type Doc } from '../documents.js';
import { CREATE, HEADERS, HOOK, ITEM, LIST } from './pointers.js';

const CALLBACK = `${CREATE}/callbacks/onShipped/{$request.body#~1callbackUrl}/post/requestBody/content/application~1json/schema`;
const withCallback = (d: Doc) => {
  withWebhook(d);
  d.paths['/api/v1/orders'].post.callbacks = {
    onShipped: { '{$request.body#/callbackUrl}': d.webhooks.orderShipped },
  };
  delete d.webhooks;
};
const callbackSchema = (d: Doc) =>
  d.paths['/api/v1/orders'].post.callbacks.onShipped['{$request.body#/callbackUrl}'].post.requestBody.content[
    'application/json'
  ].schema;

const sunset = (date: string) => ({
  description: 'ok',
  headers: { Sunset: { schema: { type: 'string', example: date } } },
});

/** Paths, operations, parameters, bodies, responses, headers, security, servers, webhooks, deprecation. */
export const structuralCases: Case[] = [
  {
    name: 'a path',
    after: (d) => delete d.paths['/api/v1/orders/{orderId}'],
    forward: [['path-removed', ITEM]],
    backward: [['path-added', ITEM]],
  },
  {
    name: 'an operation',
    after: (d) => delete d.paths['/api/v1/orders'].post,
    forward: [['operation-removed', CREATE]],
    backward: [['operation-added', CREATE]],
  },
  {
    name: 'a required parameter',
    after: (d) =>
      d.paths['/api/v1/orders'].get.parameters.push({
        name: 'tenant',
        in: 'query',
        required: true,
        schema: { type: 'string' },
      }),
    forward: [['parameter-added-required', `${LIST}/parameters/2`]],
    backward: [['parameter-removed', `${LIST}/parameters/2`]],
  },
  {
    name: 'an optional parameter',
    after: (d) =>
      d.paths['/api/v1/orders'].get.parameters.push({
        name: 'cursor',
        in: 'query',
        schema: { type: 'string' },
      }),
    forward: [['parameter-added', `${LIST}/parameters/2`]],
    backward: [['parameter-removed', `${LIST}/parameters/2`]],
  },
  {
    name: 'a parameter made required',
    after: (d) => (d.paths['/api/v1/orders'].get.parameters[0].required = true),
    forward: [['parameter-became-required', `${LIST}/parameters/0`]],
    backward: [['parameter-became-optional', `${LIST}/parameters/0`]],
  },
  {
    name: 'a required request body',
    before: (d) => delete d.paths['/api/v1/orders'].post.requestBody,
    after: (d) =>
      (d.paths['/api/v1/orders'].post.requestBody = {
        required: true,
        content: { 'application/json': { schema: { type: 'object' } } },
      }),
    forward: [['request-body-added-required', `${CREATE}/requestBody`]],
    backward: [['request-body-removed', `${CREATE}/requestBody`]],
  },
  {
    name: 'a request body made required',
    after: (d) => (d.paths['/api/v1/orders'].post.requestBody.required = true),
    forward: [['request-body-became-required', `${CREATE}/requestBody`]],
    backward: [['request-body-became-optional', `${CREATE}/requestBody`]],
  },
  {
    name: 'a request media type',
    after: (d) => {
      const content = d.paths['/api/v1/orders'].post.requestBody.content;
      content['application/x-www-form-urlencoded'] = content['application/json'];
    },
    forward: [
      ['request-media-type-added', `${CREATE}/requestBody/content/application~1x-www-form-urlencoded`],
    ],
    backward: [
      ['request-media-type-removed', `${CREATE}/requestBody/content/application~1x-www-form-urlencoded`],
    ],
  },
  {
    name: 'a response',
    after: (d) => delete d.paths['/api/v1/orders'].post.responses['422'],
    forward: [['response-removed', `${CREATE}/responses/422`]],
    backward: [['response-added', `${CREATE}/responses/422`]],
  },
  {
    name: 'a response media type',
    after: (d) =>
      (d.paths['/api/v1/orders'].post.responses['422'].content['application/json'] = {
        schema: { type: 'object' },
      }),
    forward: [['response-media-type-added', `${CREATE}/responses/422/content/application~1json`]],
    backward: [['response-media-type-removed', `${CREATE}/responses/422/content/application~1json`]],
  },
  {
    name: 'a required response header',
    after: (d) => delete d.paths['/api/v1/orders'].get.responses['200'].headers.ETag,
    forward: [['response-header-removed', `${HEADERS}/ETag`]],
    backward: [['response-header-added', `${HEADERS}/ETag`]],
  },
  {
    name: 'an optional response header',
    after: (d) => delete d.paths['/api/v1/orders'].get.responses['200'].headers['X-Rate-Limit'],
    forward: [['response-header-optional-removed', `${HEADERS}/X-Rate-Limit`]],
    backward: [['response-header-added', `${HEADERS}/X-Rate-Limit`]],
  },
  {
    name: 'a response header made optional',
    after: (d) => (d.paths['/api/v1/orders'].get.responses['200'].headers.ETag.required = false),
    forward: [['response-header-became-optional', `${HEADERS}/ETag`]],
    backward: [['response-header-became-required', `${HEADERS}/ETag`]],
  },
  {
    name: 'a response header schema',
    after: (d) =>
      (d.paths['/api/v1/orders'].get.responses['200'].headers['X-Rate-Limit'].schema.maximum = 5000),
    forward: [['response-limit-widened', `${HEADERS}/X-Rate-Limit/schema/maximum`]],
    backward: [['response-limit-narrowed', `${HEADERS}/X-Rate-Limit/schema/maximum`]],
  },
  {
    name: 'authentication on an operation',
    after: (d) => (d.paths['/api/v1/orders/{orderId}'].get.security = []),
    forward: [['security-removed', `${ITEM}/get/security`]],
    backward: [['security-added', `${ITEM}/get/security`]],
  },
  {
    name: 'a security alternative',
    after: (d) => (d.paths['/api/v1/orders/{orderId}'].get.security = [{ bearerAuth: [] }, { apiKey: [] }]),
    forward: [['security-requirement-added', `${ITEM}/get/security`]],
    backward: [['security-requirement-removed', `${ITEM}/get/security`]],
  },
  {
    name: 'an OAuth scope',
    before: (d) => (d.paths['/api/v1/orders/{orderId}'].get.security = [{ bearerAuth: ['orders:read'] }]),
    after: (d) => d.paths['/api/v1/orders/{orderId}'].get.security[0].bearerAuth.push('orders:admin'),
    forward: [['security-scope-added', `${ITEM}/get/security`]],
    backward: [['security-scope-removed', `${ITEM}/get/security`]],
  },
  {
    name: 'a security scheme definition',
    after: (d) => (d.components.securitySchemes.apiKey.name = 'X-Key'),
    forward: [['security-scheme-changed', '/components/securitySchemes/apiKey/name']],
    backward: [['security-scheme-changed', '/components/securitySchemes/apiKey/name']],
  },
  {
    name: 'the base path of the server',
    after: (d) => (d.servers[0].url = 'https://api.acme.io/v2'),
    forward: [
      ['server-removed', '/servers/0'],
      ['server-added', '/servers/0'],
    ],
    backward: [
      ['server-removed', '/servers/0'],
      ['server-added', '/servers/0'],
    ],
  },
  {
    name: 'a second server',
    after: (d) => d.servers.push({ url: 'https://eu.api.acme.io/v1' }),
    forward: [['server-added', '/servers/1']],
    backward: [['server-removed', '/servers/1']],
  },
  {
    name: 'a parameter serialization',
    after: (d) => (d.paths['/api/v1/orders'].get.parameters[0].explode = false),
    forward: [['parameter-style-changed', `${LIST}/parameters/0`]],
    backward: [['parameter-style-changed', `${LIST}/parameters/0`]],
  },
  {
    name: 'a parameter given as content',
    before: (d) => {
      const p = d.paths['/api/v1/orders'].get.parameters[1];
      p.content = { 'application/json': { schema: { type: 'string', maxLength: 64 } } };
      delete p.schema;
    },
    after: (d) =>
      (d.paths['/api/v1/orders'].get.parameters[1].content['application/json'].schema.maxLength = 32),
    forward: [['request-limit-narrowed', `${LIST}/parameters/1/content/application~1json/schema/maxLength`]],
    backward: [['request-limit-widened', `${LIST}/parameters/1/content/application~1json/schema/maxLength`]],
  },
  {
    name: 'an operationId',
    after: (d) => (d.paths['/api/v1/orders'].get.operationId = 'getOrders'),
    forward: [['operation-id-changed', `${LIST}/operationId`]],
    backward: [['operation-id-changed', `${LIST}/operationId`]],
  },
  {
    name: 'an operation-level server',
    after: (d) => (d.paths['/api/v1/orders'].get.servers = [{ url: 'https://reports.acme.io/v1' }]),
    forward: [
      ['server-removed', '/servers/0'],
      ['server-added', `${LIST}/servers/0`],
    ],
    backward: [
      ['server-removed', `${LIST}/servers/0`],
      ['server-added', '/servers/0'],
    ],
  },
  {
    name: 'a deprecation',
    after: (d) => (d.paths['/api/v1/orders'].get.deprecated = true),
    forward: [['operation-deprecated', LIST]],
    backward: [],
  },
  {
    name: 'a deprecated operation past its Sunset date',
    before: (d) => {
      d.paths['/api/v1/orders'].post.deprecated = true;
      d.paths['/api/v1/orders'].post.responses['201'] = sunset('Wed, 01 Jan 2025 00:00:00 GMT');
    },
    after: (d) => delete d.paths['/api/v1/orders'].post,
    forward: [['operation-removed-after-sunset', CREATE]],
    backward: [['operation-added', CREATE]],
  },
  {
    name: 'a deprecated operation before its Sunset date',
    before: (d) => {
      d.paths['/api/v1/orders'].post.deprecated = true;
      d.paths['/api/v1/orders'].post.responses['201'] = sunset('Fri, 01 Jan 2100 00:00:00 GMT');
    },
    after: (d) => delete d.paths['/api/v1/orders'].post,
    forward: [['operation-removed', CREATE]],
    backward: [['operation-added', CREATE]],
  },
  {
    name: 'a path whose operations are past their Sunset date',
    before: (d) =>
      Object.assign(d.paths['/api/v1/orders/{orderId}'].get, { deprecated: true, 'x-sunset': '2025-06-30' }),
    after: (d) => delete d.paths['/api/v1/orders/{orderId}'],
    forward: [['path-removed-after-sunset', ITEM]],
    backward: [['path-added', ITEM]],
  },
  {
    name: 'a callback',
    before: withCallback,
    after: (d) => delete d.paths['/api/v1/orders'].post.callbacks.onShipped,
    forward: [['callback-removed', `${CREATE}/callbacks/onShipped/{$request.body#~1callbackUrl}`]],
    backward: [['callback-added', `${CREATE}/callbacks/onShipped/{$request.body#~1callbackUrl}`]],
  },
  {
    name: 'a callback payload field (the API sends it)',
    before: withCallback,
    after: (d) => delete callbackSchema(d).properties.carrier,
    forward: [['webhook-property-removed', `${CALLBACK}/properties/carrier`]],
    backward: [['webhook-property-added', `${CALLBACK}/properties/carrier`]],
  },
  {
    name: 'a webhook',
    versions: ['3.1.0'],
    before: withWebhook,
    after: (d) => delete d.webhooks.orderShipped,
    forward: [['webhook-removed', '/webhooks/orderShipped']],
    backward: [['webhook-added', '/webhooks/orderShipped']],
  },
  {
    name: 'a webhook payload enum value (the API sends it)',
    versions: ['3.1.0'],
    before: withWebhook,
    after: (d) =>
      d.webhooks.orderShipped.post.requestBody.content[
        'application/json'
      ].schema.properties.carrier.enum.push('fedex'),
    forward: [['webhook-enum-widened', `${HOOK}/properties/carrier/enum`]],
    backward: [['webhook-enum-narrowed', `${HOOK}/properties/carrier/enum`]],
  },
  {
    name: 'a webhook payload field',
    versions: ['3.1.0'],
    before: withWebhook,
    after: (d) =>
      delete d.webhooks.orderShipped.post.requestBody.content['application/json'].schema.properties.carrier,
    forward: [['webhook-property-removed', `${HOOK}/properties/carrier`]],
    backward: [['webhook-property-added', `${HOOK}/properties/carrier`]],
  },
];
