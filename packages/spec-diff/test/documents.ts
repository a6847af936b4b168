// Test documents are loose JSON on purpose: each case reaches in to change one thing.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Doc = Record<string, any>;

/** A small OpenAPI 3.1 document: one collection with GET/POST and one item path. */
export function openapi(version = '3.1.0'): Doc {
  return {
    openapi: version,
    info: { title: 'Orders', version: '1.4.0' },
    servers: [{ url: 'https://api.acme.io/v1' }],
    security: [{ bearerAuth: [] }],
    paths: {
      '/api/v1/orders': {
        get: {
          operationId: 'listOrders',
          parameters: [
            {
              name: 'limit',
              in: 'query',
              schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
            },
            { name: 'X-Trace', in: 'header', schema: { type: 'string' } },
          ],
          responses: {
            '200': {
              description: 'ok',
              headers: {
                ETag: { required: true, schema: { type: 'string' } },
                'X-Rate-Limit': { schema: { type: 'integer', maximum: 1000 } },
              },
              content: { 'application/json': { schema: { $ref: '#/components/schemas/OrderPage' } } },
            },
          },
        },
        post: {
          operationId: 'createOrder',
          requestBody: {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/OrderCreate' } } },
          },
          responses: {
            '201': {
              description: 'created',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } },
            },
            '422': {
              description: 'reused key',
              content: { 'application/problem+json': { schema: { type: 'object' } } },
            },
          },
        },
      },
      '/api/v1/orders/{orderId}': {
        parameters: [{ name: 'orderId', in: 'path', required: true, schema: { type: 'string' } }],
        get: {
          operationId: 'getOrder',
          responses: {
            '200': {
              description: 'ok',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } },
            },
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
      },
      schemas: {
        Order: {
          type: 'object',
          required: ['id', 'status'],
          properties: {
            id: { type: 'string' },
            status: { type: 'string', enum: ['pending', 'confirmed'] },
            note: { type: 'string' },
            total: { type: 'integer' },
            count: { type: 'integer', format: 'int32', maximum: 1000 },
            ref: { type: 'string', maxLength: 10, pattern: '^[A-Z]+$' },
            customer: {
              anyOf: [{ type: 'string' }, { type: 'object', properties: { id: { type: 'string' } } }],
            },
          },
        },
        OrderPage: {
          type: 'object',
          properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Order' } } },
        },
        OrderCreate: {
          type: 'object',
          additionalProperties: false,
          required: ['customerId'],
          properties: {
            customerId: { type: 'string', maxLength: 64 },
            note: { type: 'string', maxLength: 500 },
            kind: { type: 'string', enum: ['retail', 'wholesale'] },
            quantity: { type: 'integer', minimum: 1, maximum: 1000 },
            code: { type: 'string', pattern: '^[A-Z]+$' },
            priority: { type: 'integer', format: 'int32', default: 5 },
            payment: {
              oneOf: [
                { type: 'object', properties: { card: { type: 'string' } } },
                { type: 'object', properties: { iban: { type: 'string' } } },
              ],
            },
          },
        },
      },
    },
  };
}

const cloudEvent = (type: string) => ({
  type: 'object',
  required: ['id', 'type', 'data'],
  properties: {
    id: { type: 'string' },
    type: { type: 'string', const: type },
    data: { type: 'object', properties: { status: { type: 'string', enum: ['pending', 'confirmed'] } } },
  },
});

/** A small AsyncAPI 3 document: the service sends order.created and receives payment.settled. */
export function asyncapi(): Doc {
  return {
    asyncapi: '3.0.0',
    info: { title: 'Orders events', version: '1.4.0' },
    defaultContentType: 'application/cloudevents+json',
    servers: { production: { host: 'nats.acme.io:4222', protocol: 'nats', pathname: '/orders' } },
    channels: {
      orderCreated: {
        address: 'acme.orders.order.created.v1',
        messages: { orderCreated: { $ref: '#/components/messages/OrderCreated' } },
      },
      paymentSettled: {
        address: 'acme.payments.payment.settled.v1',
        messages: {
          paymentSettled: {
            headers: { type: 'object', properties: { traceparent: { type: 'string', maxLength: 55 } } },
            payload: cloudEvent('acme.payments.payment.settled.v1'),
          },
        },
      },
    },
    operations: {
      publishOrderCreated: {
        action: 'send',
        channel: { $ref: '#/channels/orderCreated' },
        messages: [{ $ref: '#/channels/orderCreated/messages/orderCreated' }],
      },
      onPaymentSettled: {
        action: 'receive',
        channel: { $ref: '#/channels/paymentSettled' },
        messages: [{ $ref: '#/channels/paymentSettled/messages/paymentSettled' }],
      },
    },
    components: {
      messages: {
        OrderCreated: {
          headers: { type: 'object', properties: { traceparent: { type: 'string', maxLength: 55 } } },
          payload: cloudEvent('acme.orders.order.created.v1'),
        },
      },
    },
  };
}

/** Makes a schema nullable the way the document's OpenAPI version writes it. */
export function nullable(doc: Doc, schema: Doc): void {
  if (String(doc.openapi).startsWith('3.0')) schema.nullable = true;
  else schema.type = [schema.type, 'null'];
}

/** A 3.1 webhook the API sends when an order ships. */
export function withWebhook(doc: Doc): void {
  doc.webhooks = {
    orderShipped: {
      post: {
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['orderId'],
                properties: {
                  orderId: { type: 'string' },
                  carrier: { type: 'string', enum: ['ups', 'dhl'] },
                },
              },
            },
          },
        },
        responses: { '200': { description: 'received' } },
      },
    },
  };
}
