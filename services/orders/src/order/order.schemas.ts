/**
 * JSON schemas of the order routes: Fastify validates requests with them (violations become 400
 * problem+json listing the fields) and serializes responses with them. They mirror openapi/orders.yaml.
 */
export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export const orderSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'version', 'createdAt', 'updatedAt'],
  properties: {
    id: { type: 'string', format: 'uuid', maxLength: 36 },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: ['string', 'null'], maxLength: 2000 },
    quantity: { type: ['integer', 'null'], minimum: 0, maximum: 1000000 },
    version: { type: 'integer', minimum: 1 },
    createdAt: { type: 'string', format: 'date-time', maxLength: 40 },
    updatedAt: { type: 'string', format: 'date-time', maxLength: 40 },
  },
} as const;

export const createOrderBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string', maxLength: 2000 },
    quantity: { type: 'integer', minimum: 0, maximum: 1000000 },
  },
} as const;

/** JSON merge patch (RFC 7396): members present replace, `null` clears an optional member. */
export const updateOrderBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: ['string', 'null'], maxLength: 2000 },
    quantity: { type: ['integer', 'null'], minimum: 0, maximum: 1000000 },
  },
} as const;

export const orderParams = {
  type: 'object',
  additionalProperties: false,
  required: ['orderId'],
  properties: { orderId: { type: 'string', pattern: UUID_PATTERN, maxLength: 36 } },
} as const;

export const listOrdersQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE },
    cursor: { type: 'string', minLength: 1, maxLength: 2048, pattern: '^[A-Za-z0-9_-]+$' },
  },
} as const;

export const orderPageSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['items', 'nextCursor'],
  properties: {
    items: { type: 'array', maxItems: MAX_PAGE_SIZE, items: orderSchema },
    nextCursor: { type: ['string', 'null'], maxLength: 2048 },
  },
} as const;
