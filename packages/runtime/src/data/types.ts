import type { TenantKey, TenantKeySource } from './tenant-key.js';
/** Result of one statement, the same shape on PostgreSQL and PGlite. */
export interface QueryResult<T> {
  rows: T[];
  /** Rows returned, or rows changed by INSERT/UPDATE/DELETE without RETURNING. */
  rowCount: number;
}

export type Row = Record<string, unknown>;

export interface Queryable {
  /** One statement with `$1…` parameters. */
  query<T = Row>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /** Several `;`-separated statements, no parameters (migrations, DDL). */
  exec(sql: string): Promise<void>;
}

/** Who acts in a tenant transaction: `request.tenant` fits as is. */
export interface TenantRef {
  /** Tenant id; becomes `app.tenant_id` for the transaction. */
  id: string;
  /** Authenticated subject (JWT `sub`): the "who" of audit rows. */
  subject?: string;
  /** Trace id of the request, stored on audit rows. */
  traceId?: string;
}

export interface OutboxEventInput {
  /** Aggregate name, lower-case (`order`). */
  entity: string;
  /** Past-tense verb, lower-case (`created`). */
  verb: string;
  /** Id of the aggregate instance the event is about (CloudEvents `subject`). */
  subject: string;
  /** JSON payload (CloudEvents `data`). */
  data: unknown;
  /** Event schema major version; default 1 → type `<org>.<svc>.<entity>.<verb>.v1`. */
  version?: number;
}

export interface OutboxAddResult {
  /** CloudEvents `id` (uuid), also the JetStream message id used for de-duplication. */
  id: string;
  /** CloudEvents `type` and NATS subject: `<org>.<svc>.<entity>.<verb>.v<N>`. */
  type: string;
}

export interface AuditEntryInput {
  /** What happened (`order.created`). */
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export type InboxResult<T> = { duplicate: true } | { duplicate: false; value: T };

/** The transaction handed to business code: RLS-scoped to one tenant, running as the app role. */
export interface Tx extends Queryable {
  readonly tenantId: string;
  readonly subject?: string;
  readonly outbox: { add(event: OutboxEventInput): Promise<OutboxAddResult> };
  readonly audit: { record(entry: AuditEntryInput): Promise<void> };
  /**
   * Runs fn once per event id: records the id in the inbox in this transaction, skips fn when the id was
   * already consumed (by the same consumer). A failure rolls both back, so a redelivery runs fn again.
   */
  readonly inbox: {
    consume<T>(
      eventId: string,
      fn: () => Promise<T>,
      options?: { consumer?: string },
    ): Promise<InboxResult<T>>;
  };
}

/** One statement with its `$1…` parameters. */
export interface Statement {
  sql: string;
  params?: readonly unknown[];
}

export interface PoolStats {
  /** Connections open (PGlite: 1). */
  total: number;
  /** Connections open and not in use. */
  idle: number;
  /** Callers waiting for a connection (PGlite: for the single connection). */
  waiting: number;
}

/** Options of `tenantTx` for the runtime's own use. */
export interface TenantTxOptions {
  /**
   * Statements run and committed before the transaction begins, tenant-scoped like `tenantStatements`
   * (parameters inlined on PostgreSQL), on the same connection: on PostgreSQL they travel in the same write
   * as BEGIN, so they cost no round trip of their own. fn gets their results as its second argument (a
   * promise: fn starts before they are answered). The idempotency claim uses it.
   */
  prelude?: readonly Statement[];
}

export interface Database extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** Where the data lives, without credentials (`postgres 127.0.0.1:5432/orders`, `pglite memory`). */
  readonly description: string;
  /** Owner-context transaction (no RLS role switch). */
  tx<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * BEGIN; set_config('role', 'shipshape_app', true), set_config('app.tenant_id', id, true),
   * set_config('app.tenant_sig', <HMAC of id>, true); fn(tx); COMMIT — or ROLLBACK when fn throws. Settings are
   * transaction-local, never left on a pooled connection; RLS trusts the tenant only with its signature.
   */
  tenantTx<T>(
    tenant: string | TenantRef,
    fn: (tx: Tx, prelude: Promise<QueryResult<Row>[]>) => Promise<T>,
    options?: TenantTxOptions,
  ): Promise<T>;
  /**
   * Runs a few statements as one tenant-scoped transaction without an explicit BEGIN/COMMIT: on PostgreSQL
   * one simple-protocol query `SELECT set_config('role', …, true), set_config('app.tenant_id', …, true);
   * <statements>` — one round trip, atomic (an implicit transaction), RLS applying, settings
   * transaction-local. Parameters are inlined as literals (strings, finite numbers, booleans, null, bytes),
   * so statements must not contain `$<digit>` in a string or comment. PGlite runs them in a tenant
   * transaction with real parameters. Returns one result per statement. For short runtime-owned statements
   * (idempotency keys), not for business code, which uses tenantTx.
   */
  tenantStatements(tenant: string | TenantRef, statements: readonly Statement[]): Promise<QueryResult<Row>[]>;
  /**
   * The key that signs tenant ids (tenant-key.ts): read from `shipshape_tenant_key` on first need, which
   * only the owner role may do. A request role's handle is given the owner's with `useTenantKey`.
   */
  tenantKey(): Promise<TenantKey>;
  useTenantKey(source: TenantKeySource): void;
  /**
   * Owner transaction with `app.maintenance = on` (transaction-local): the runtime's own tables allow
   * cross-tenant access only then (outbox relay, idempotency cleanup). Not for business code.
   */
  maintenanceTx<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs fn while holding a named lock shared by every instance on this database (PostgreSQL: a session
   * advisory lock on a dedicated connection; PGlite: an in-process lock, PGlite being single-process).
   */
  withLock<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Resolves when `select 1` answers within timeoutMs; rejects otherwise. */
  ping(timeoutMs: number): Promise<void>;
  stats(): PoolStats;
  /**
   * Calls listener after each tenant transaction of this handle that added outbox rows has committed
   * (the relay uses it to publish at once instead of at its next poll). Returns an unsubscribe function.
   */
  onOutboxCommit(listener: () => void): () => void;
  close(): Promise<void>;
}
