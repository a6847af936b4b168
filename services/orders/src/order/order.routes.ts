/**
 * Order routes under /api/v1/orders: create (idempotent POST, 201 + Location), list (cursor pages), get,
 * update (JSON merge patch) and delete. Each runs in one tenant transaction: the row, its outbox event
 * (acme.orders.order.created.v1, acme.orders.order.updated.v1, acme.orders.order.deleted.v1) and its audit row commit together.
 * Optimistic concurrency: create, get and update send the strong ETag of `version`; update and delete honour
 * If-Match inside their UPDATE/DELETE statement (412 when stale or weak).
 */
import { randomUUID } from 'node:crypto';
import {
  decodeCursor,
  encodeCursor,
  entityTag,
  preconditionFailed,
  problem,
  readIfMatch,
  type ServiceDefinition,
} from '@shipshape/runtime';
import {
  deleteOrder,
  findOrder,
  insertOrder,
  listOrders,
  updateOrder,
  type CreateOrderInput,
  type PageAfter,
  type OrderPatch,
} from './order.repository.js';
import {
  createOrderBody,
  DEFAULT_PAGE_SIZE,
  listOrdersQuery,
  orderPageSchema,
  orderParams,
  orderSchema,
  updateOrderBody,
} from './order.schemas.js';

type Api = Parameters<ServiceDefinition['routes']>[0];

const BASE = '/orders';
const ENTITY = 'order';
const MERGE_PATCH = 'application/merge-patch+json';
/**
 * If-Match on PATCH and DELETE is optional (428 without it when required). Set per resource when generating
 * (`--ifMatch required|optional`); the manifest keeps it and openapi/orders.yaml declares it.
 */
const IF_MATCH_REQUIRED = false;

const notFound = (id: string) => problem('ORDER_NOT_FOUND', { detail: `No order with id ${id}` });

function parseCursor(cursor: string | undefined): PageAfter | undefined {
  if (cursor === undefined) return undefined;
  const value = decodeCursor(cursor);
  if (
    typeof value.createdAt !== 'string' ||
    typeof value.id !== 'string' ||
    Number.isNaN(Date.parse(value.createdAt))
  ) {
    throw problem('INVALID_CURSOR', { detail: 'The cursor is not one this service issued' });
  }
  return { createdAt: value.createdAt, id: value.id };
}

export async function orderRoutes(api: Api): Promise<void> {
  // createOrder: POST /api/v1/orders
  api.post<{ Body: CreateOrderInput }>(
    BASE,
    {
      schema: {
        body: createOrderBody,
        response: { 201: orderSchema },
      },
    },
    async (request, reply) => {
      const id = randomUUID();
      const created = await api.withTenant(request, async (tx) => {
        const row = await insertOrder(tx, id, request.body);
        await tx.outbox.add({ entity: ENTITY, verb: 'created', subject: id, data: row });
        await tx.audit.record({
          action: `${ENTITY}.created`,
          entity: ENTITY,
          entityId: id,
          before: null,
          after: row,
        });
        return row;
      });
      return reply
        .code(201)
        .header('location', `/api/v1/orders/${id}`)
        .header('etag', entityTag(created.version))
        .send(created);
    },
  );

  // listOrders: GET /api/v1/orders
  api.get<{ Querystring: { limit?: number; cursor?: string } }>(
    BASE,
    {
      schema: {
        querystring: listOrdersQuery,
        response: { 200: orderPageSchema },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? DEFAULT_PAGE_SIZE;
      const after = parseCursor(request.query.cursor);
      const page = await api.withTenant(request, (tx) => listOrders(tx, limit, after));
      const last = page.items[page.items.length - 1];
      return {
        items: page.items,
        nextCursor: page.hasMore && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
      };
    },
  );

  // getOrder: GET /api/v1/orders/{orderId}
  api.get<{ Params: { orderId: string } }>(
    `${BASE}/:orderId`,
    {
      schema: {
        params: orderParams,
        response: { 200: orderSchema },
      },
    },
    async (request, reply) => {
      const id = request.params.orderId.toLowerCase();
      const found = await api.withTenant(request, (tx) => findOrder(tx, id));
      if (!found) throw notFound(id);
      return reply.header('etag', entityTag(found.version)).send(found);
    },
  );

  // updateOrder: PATCH /api/v1/orders/{orderId}
  api.patch<{ Params: { orderId: string }; Body: OrderPatch }>(
    `${BASE}/:orderId`,
    {
      schema: {
        params: orderParams,
        body: updateOrderBody,
        response: { 200: orderSchema },
      },
      // RFC 7396: a merge patch must say so; plain JSON is refused rather than guessed at.
      preValidation: async (request) => {
        const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
        if (type !== MERGE_PATCH) {
          throw problem('UNSUPPORTED_MEDIA_TYPE', { detail: `Send the patch as ${MERGE_PATCH}` });
        }
      },
    },
    async (request, reply) => {
      const id = request.params.orderId.toLowerCase();
      const ifMatch = readIfMatch(request, { required: IF_MATCH_REQUIRED });
      const updated = await api.withTenant(request, async (tx) => {
        const before = await findOrder(tx, id, true);
        if (!before) throw notFound(id);
        // The If-Match comparison is part of the UPDATE: no other writer can slip in between.
        const after = await updateOrder(tx, id, request.body, ifMatch);
        if (!after) throw preconditionFailed(ifMatch, before.version);
        await tx.outbox.add({ entity: ENTITY, verb: 'updated', subject: id, data: after });
        await tx.audit.record({ action: `${ENTITY}.updated`, entity: ENTITY, entityId: id, before, after });
        return after;
      });
      return reply.header('etag', entityTag(updated.version)).send(updated);
    },
  );

  // deleteOrder: DELETE /api/v1/orders/{orderId}
  api.delete<{ Params: { orderId: string } }>(
    `${BASE}/:orderId`,
    {
      schema: {
        params: orderParams,
      },
    },
    async (request, reply) => {
      const id = request.params.orderId.toLowerCase();
      const ifMatch = readIfMatch(request, { required: IF_MATCH_REQUIRED });
      await api.withTenant(request, async (tx) => {
        const before = await deleteOrder(tx, id, ifMatch);
        if (!before) {
          // Nothing deleted: the order is missing (404) or not at an If-Match version (412; 428 without a required one).
          const current = await findOrder(tx, id);
          throw current ? preconditionFailed(ifMatch, current.version) : notFound(id);
        }
        await tx.outbox.add({ entity: ENTITY, verb: 'deleted', subject: id, data: { id } });
        await tx.audit.record({
          action: `${ENTITY}.deleted`,
          entity: ENTITY,
          entityId: id,
          before,
          after: null,
        });
      });
      return reply.code(204).send();
    },
  );
}
