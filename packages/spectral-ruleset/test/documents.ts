/**
 * Fresh, valid documents for rule tests: each test takes one, breaks one thing and asserts the
 * reported path. They pass the whole Shipshape ruleset (test/ruleset.spec.ts keeps them honest).
 */

// Test documents are loose JSON on purpose: tests reach into them to break one thing.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Doc = Record<string, any>;

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

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
    servers: [{ url: 'http://127.0.0.1:3000', description: 'local' }],
    tags: [
      { name: 'health', description: 'Probes.' },
      { name: 'orders', description: 'Orders.' },
    ],
    security: [{ bearerAuth: [] }],
    paths: {
      '/health/live': {
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
      },
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
              schema: { type: 'integer', minimum: 1, maximum: 100 },
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
              content: { 'application/json': { schema: { $ref: '#/components/schemas/OrderPage' } } },
            },
            '401': { $ref: '#/components/responses/Unauthorized' },
            '429': { $ref: '#/components/responses/TooManyRequests' },
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
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } },
            },
            '401': { $ref: '#/components/responses/Unauthorized' },
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
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } },
            },
            '401': { $ref: '#/components/responses/Unauthorized' },
            '404': problem('Not found.'),
          },
        },
      },
    },
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      responses: {
        Unauthorized: problem('Unauthenticated.'),
        TooManyRequests: {
          ...problem('Rate limited.'),
          headers: { 'Retry-After': { description: 'Seconds.', schema: { type: 'integer' } } },
        },
      },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'code'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            code: { type: 'string', enum: ['ACME.ORDERS.UNAUTHENTICATED', 'ACME.ORDERS.ORDER_NOT_FOUND'] },
            traceId: { type: 'string' },
          },
        },
        Order: {
          type: 'object',
          properties: { id: { type: 'string' }, note: { type: 'string' } },
        },
        OrderPage: {
          type: 'object',
          properties: {
            items: { type: 'array', items: { $ref: '#/components/schemas/Order' } },
            nextCursor: { type: ['string', 'null'] },
          },
        },
        OrderCreate: {
          type: 'object',
          additionalProperties: false,
          properties: {
            note: { type: 'string', maxLength: 500 },
            quantity: { type: 'integer', minimum: 1, maximum: 1000 },
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
