// Test documents are loose JSON on purpose: each case reaches in to change one thing.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Doc = Record<string, any>;

/** A small OpenAPI 3.1 document: one collection with GET/POST and one item path. */
export function openapi(): Doc {
  return {
    openapi: '3.1.0',
    info: { title: 'Orders', version: '1.4.0' },
    security: [{ bearerAuth: [] }],
    paths: {
      '/api/v1/orders': {
        get: {
          operationId: 'listOrders',
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
            { name: 'X-Trace', in: 'header', schema: { type: 'string' } },
          ],
          responses: {
            '200': {
              description: 'ok',
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
    channels: {
      orderCreated: {
        address: 'acme.orders.order.created.v1',
        messages: { orderCreated: { $ref: '#/components/messages/OrderCreated' } },
      },
      paymentSettled: {
        address: 'acme.payments.payment.settled.v1',
        messages: { paymentSettled: { payload: cloudEvent('acme.payments.payment.settled.v1') } },
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
      messages: { OrderCreated: { payload: cloudEvent('acme.orders.order.created.v1') } },
    },
  };
}
