/**
 * Data access of the order aggregate (table `orders`). Every function runs inside
 * `api.withTenant`, so row-level security scopes it to the caller's tenant; the explicit `tenant_id` filter
 * also lets the planner use the tenant index.
 */
import { versionCondition, versionParam, type IfMatch, type Tx } from '@shipshape/runtime';

export interface Order {
  id: string;
  name: string;
  description: string | null;
  quantity: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface OrderRow {
  id: string;
  tenant_id: string;
  name: string;
  description: string | null;
  quantity: number | null;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
}

export type CreateOrderInput = {
  name: string;
  description?: string;
  quantity?: number;
};

/** A JSON merge patch of the writable members (`null` clears an optional one). */
export type OrderPatch = {
  name?: string;
  description?: string | null;
  quantity?: number | null;
};

/** Position after which the next page starts (the last row of the current page). */
export interface PageAfter {
  createdAt: string;
  id: string;
}

const COLUMNS = 'id, tenant_id, name, description, quantity, version, created_at, updated_at';

/** Column of each writable member. */
export const COLUMN_OF: Readonly<Record<keyof OrderPatch, string>> = {
  name: 'name',
  description: 'description',
  quantity: 'quantity',
};

const iso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();

export function toOrder(row: OrderRow): Order {
  return {
    id: row.id,
    name: row.name,
    description: row.description ?? null,
    quantity: row.quantity ?? null,
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** The `SET` list and parameters of an update from a merge patch (parameters start at `$<firstParam>`). */
export function buildUpdate(patch: OrderPatch, firstParam: number): { set: string[]; params: unknown[] } {
  const set: string[] = [];
  const params: unknown[] = [];
  for (const key of Object.keys(COLUMN_OF) as (keyof OrderPatch)[]) {
    if (!(key in patch) || patch[key] === undefined) continue;
    params.push(patch[key]);
    set.push(`${COLUMN_OF[key]} = $${firstParam + params.length - 1}`);
  }
  return { set, params };
}

export async function insertOrder(tx: Tx, id: string, input: CreateOrderInput): Promise<Order> {
  const { rows } = await tx.query<OrderRow>(
    `INSERT INTO orders (id, tenant_id, name, description, quantity)
     VALUES ($1, $2, $3, $4, $5)
     RETURNING ${COLUMNS}`,
    [id, tx.tenantId, input.name, input.description ?? null, input.quantity ?? null],
  );
  return toOrder(rows[0]);
}

export async function findOrder(tx: Tx, id: string, forUpdate = false): Promise<Order | undefined> {
  const { rows } = await tx.query<OrderRow>(
    `SELECT ${COLUMNS} FROM orders WHERE tenant_id = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [tx.tenantId, id],
  );
  return rows[0] ? toOrder(rows[0]) : undefined;
}

/** One page, oldest first; `hasMore` says whether another page follows. */
export async function listOrders(
  tx: Tx,
  limit: number,
  after?: PageAfter,
): Promise<{ items: Order[]; hasMore: boolean }> {
  const params: unknown[] = [tx.tenantId, limit + 1];
  let where = 'tenant_id = $1';
  if (after) {
    params.push(after.createdAt, after.id);
    where += ' AND (created_at, id) > ($3::timestamptz, $4::uuid)';
  }
  const { rows } = await tx.query<OrderRow>(
    `SELECT ${COLUMNS} FROM orders WHERE ${where} ORDER BY created_at, id LIMIT $2`,
    params,
  );
  return { items: rows.slice(0, limit).map(toOrder), hasMore: rows.length > limit };
}

/**
 * Applies the patch when the row is at a version `ifMatch` allows (any, without a precondition): the comparison is
 * in the same UPDATE, so of two writers holding one ETag only the first changes the row. `undefined`: no row
 * matched (missing, or at another version).
 */
export async function updateOrder(
  tx: Tx,
  id: string,
  patch: OrderPatch,
  ifMatch: IfMatch = {},
): Promise<Order | undefined> {
  const { set, params } = buildUpdate(patch, 4);
  const { rows } = await tx.query<OrderRow>(
    `UPDATE orders
        SET ${[...set, 'version = version + 1', "updated_at = date_trunc('milliseconds', now())"].join(', ')}
      WHERE tenant_id = $1 AND id = $2 AND ${versionCondition(3)}
  RETURNING ${COLUMNS}`,
    [tx.tenantId, id, versionParam(ifMatch), ...params],
  );
  return rows[0] ? toOrder(rows[0]) : undefined;
}

/** Deletes the row when it is at a version `ifMatch` allows (the comparison is in the DELETE itself). */
export async function deleteOrder(tx: Tx, id: string, ifMatch: IfMatch = {}): Promise<Order | undefined> {
  const { rows } = await tx.query<OrderRow>(
    `DELETE FROM orders WHERE tenant_id = $1 AND id = $2 AND ${versionCondition(3)} RETURNING ${COLUMNS}`,
    [tx.tenantId, id, versionParam(ifMatch)],
  );
  return rows[0] ? toOrder(rows[0]) : undefined;
}
