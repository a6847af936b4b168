/**
 * Fresh, valid documents for rule tests: each test takes one, breaks one thing and asserts the
 * reported path. They pass the whole Shipshape ruleset (test/ruleset.spec.ts keeps them honest).
 */

// Test documents are loose JSON on purpose: tests reach into them to break one thing.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Doc = Record<string, any>;

/** What OWASP asks of every 2xx/4xx response: rate-limit headers, and the CORS header on every header set. */
const responseHeaders = () => ({
  RateLimit: { $ref: '#/components/headers/RateLimit' },
  'Access-Control-Allow-Origin': { $ref: '#/components/headers/Access-Control-Allow-Origin' },
});

const problem = (description: string) => ({
  description,
  headers: responseHeaders(),
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** The responses every business operation shares: validation, authentication, rate limit, failure. */
const errorResponses = () => ({
  '400': { $ref: '#/components/responses/BadRequest' },
  '401': { $ref: '#/components/responses/Unauthorized' },
  '429': { $ref: '#/components/responses/TooManyRequests' },
  '500': { $ref: '#/components/responses/InternalError' },
});

/**
 * An unauthenticated probe (`security: []`), for rule tests about probe paths. Not in the base document: OWASP's
 * read-restricted rule warns on every unauthenticated read, and generated services leave probes out of the
 * business API document.
 */
export function probePath(): Doc {
  return {
    get: {
      operationId: 'getLiveness',
      summary: 'Liveness',
      description: 'Liveness probe.',
      tags: ['health'],
      security: [],
      responses: {
        '200': { description: 'alive', content: { 'application/json': { schema: { type: 'object' } } } },
      },
    },
  };
}

export function openapiDoc(): Doc {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Orders',
      version: '1.2.3',
      description: 'Orders of one tenant.',
      contact: { name: 'Orders team', url: 'https://orders.acme.example', email: 'orders@acme.example' },
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: 'https://orders.acme.example', description: 'production', 'x-internal': false }],
    tags: [{ name: 'orders', description: 'Orders.' }],
    security: [{ bearerAuth: [] }],
    paths: {
      '/api/v1/orders': {
        get: {
          operationId: 'listOrders',
          summary: 'List orders',
          description: 'Lists orders.',
          tags: ['orders'],
          parameters: [
            {
              name: 'limit',
              in: 'query',
              description: 'Page size.',
              schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 100 },
            },
            {
              name: 'cursor',
              in: 'query',
              description: 'Cursor.',
              schema: { type: 'string', maxLength: 512 },
            },
          ],
          responses: {
            '200': {
              description: 'A page.',
              headers: responseHeaders(),
              content: { 'application/json': { schema: { $ref: '#/components/schemas/OrderPage' } } },
            },
            ...errorResponses(),
          },
        },
        post: {
          operationId: 'createOrder',
          summary: 'Create an order',
          description: 'Creates an order.',
          tags: ['orders'],
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: true,
              description: 'Idempotency key.',
              schema: { type: 'string', maxLength: 255 },
            },
          ],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/OrderCreate' } } },
          },
          responses: {
            '201': {
              description: 'Created.',
              headers: responseHeaders(),
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } },
            },
            ...errorResponses(),
            '409': problem('In flight.'),
            '422': problem('Key reused.'),
          },
        },
      },
      '/api/v1/orders/{orderId}': {
        parameters: [
          {
            name: 'orderId',
            in: 'path',
            required: true,
            description: 'Order id.',
            schema: { type: 'string', format: 'uuid', maxLength: 36 },
          },
        ],
        get: {
          operationId: 'getOrder',
          summary: 'Get an order',
          description: 'Reads an order.',
          tags: ['orders'],
          responses: {
            '200': {
              description: 'The order.',
              headers: responseHeaders(),
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } },
            },
            ...errorResponses(),
            '404': problem('Not found.'),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A JWT, verified as RFC8725 asks.',
        },
      },
      headers: {
        RateLimit: { description: 'Remaining budget.', schema: { type: 'string', maxLength: 200 } },
        'Access-Control-Allow-Origin': {
          description: 'The allowed origin.',
          schema: { type: 'string', format: 'uri', maxLength: 2048 },
        },
      },
      responses: {
        BadRequest: problem('Invalid.'),
        Unauthorized: problem('Unauthenticated.'),
        TooManyRequests: {
          ...problem('Rate limited.'),
          headers: {
            ...responseHeaders(),
            'Retry-After': {
              description: 'Seconds.',
              schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 86400 },
            },
          },
        },
        InternalError: problem('Failed.'),
      },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'code'],
          properties: {
            type: { type: 'string', maxLength: 2048 },
            title: { type: 'string', maxLength: 200 },
            status: { type: 'integer', format: 'int32', minimum: 400, maximum: 599 },
            detail: { type: 'string', maxLength: 4096 },
            code: { type: 'string', enum: ['ACME.ORDERS.UNAUTHENTICATED', 'ACME.ORDERS.ORDER_NOT_FOUND'] },
            traceId: { type: 'string', maxLength: 32 },
          },
        },
        Order: {
          type: 'object',
          properties: { id: { type: 'string', maxLength: 36 }, note: { type: 'string', maxLength: 500 } },
        },
        OrderPage: {
          type: 'object',
          properties: {
            items: { type: 'array', maxItems: 100, items: { $ref: '#/components/schemas/Order' } },
            nextCursor: { type: ['string', 'null'], maxLength: 512 },
          },
        },
        OrderCreate: {
          type: 'object',
          additionalProperties: false,
          properties: {
            note: { type: 'string', maxLength: 500 },
            quantity: { type: 'integer', format: 'int32', minimum: 1, maximum: 1000 },
            tags: { type: 'array', maxItems: 10, items: { type: 'string', maxLength: 32 } },
          },
        },
      },
    },
  };
}

const cloudEvent = (type: string) => ({
  type: 'object',
  required: ['id', 'source', 'specversion', 'type', 'time', 'subject', 'datacontenttype', 'data'],
  properties: {
    id: { type: 'string' },
    source: { type: 'string' },
    specversion: { type: 'string', const: '1.0' },
    type: { type: 'string', const: type },
    time: { type: 'string', format: 'date-time' },
    subject: { type: 'string' },
    datacontenttype: { type: 'string', const: 'application/json' },
    data: { type: 'object' },
  },
});

export function asyncapiDoc(): Doc {
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Orders events',
      version: '1.2.3',
      description: 'Events of the orders service.',
      contact: { name: 'Orders team', url: 'https://orders.acme.example', email: 'orders@acme.example' },
      license: { name: 'MIT' },
      tags: [{ name: 'orders', description: 'Orders.' }],
    },
    servers: { local: { host: '127.0.0.1:4222', protocol: 'nats', description: 'local NATS' } },
    channels: {
      orderCreated: {
        address: 'acme.orders.order.created.v1',
        description: 'Order created.',
        messages: { orderCreated: { $ref: '#/components/messages/OrderCreated' } },
      },
      orderDeleted: {
        address: 'acme.orders.order.deleted.v1',
        description: 'Order deleted.',
        messages: { orderDeleted: { $ref: '#/components/messages/OrderDeleted' } },
      },
    },
    operations: {
      publishOrderCreated: {
        action: 'send',
        channel: { $ref: '#/channels/orderCreated' },
        description: 'Publishes order.created.',
        messages: [{ $ref: '#/channels/orderCreated/messages/orderCreated' }],
      },
      publishOrderDeleted: {
        action: 'send',
        channel: { $ref: '#/channels/orderDeleted' },
        description: 'Publishes order.deleted.',
        messages: [{ $ref: '#/channels/orderDeleted/messages/orderDeleted' }],
      },
    },
    components: {
      messages: {
        OrderCreated: {
          name: 'OrderCreated',
          contentType: 'application/cloudevents+json',
          payload: cloudEvent('acme.orders.order.created.v1'),
        },
        OrderDeleted: {
          name: 'OrderDeleted',
          contentType: 'application/cloudevents+json',
          payload: cloudEvent('acme.orders.order.deleted.v1'),
        },
      },
    },
  };
}
