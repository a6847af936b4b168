import pg from 'pg';
import { TENANT_SETTING, TENANT_SIGNATURE_SETTING } from '@shipshape/contracts';
import { createAuditWriter } from '../audit/audit.js';
import { createInbox } from '../inbox/inbox.js';
import { createOutboxWriter, type EventNaming } from '../outbox/writer.js';
import type { TenantKey } from './tenant-key.js';
import type { Database, Queryable, QueryResult, Row, Statement, TenantRef, Tx } from './types.js';

export type { EventNaming } from '../outbox/writer.js';

/** The role every tenant transaction switches to; RLS policies apply to it. Created by the runtime's migrations. */
export const APP_ROLE = 'shipshape_app';

const MAX_TENANT_ID = 200;

export function normalizeTenant(tenant: string | TenantRef): TenantRef {
  const ref = typeof tenant === 'string' ? { id: tenant } : tenant;
  if (
    typeof ref?.id !== 'string' ||
    ref.id.length === 0 ||
    ref.id.length > MAX_TENANT_ID ||
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f]/.test(ref.id)
  ) {
    throw new TypeError(
      `tenantTx: tenant id must be a non-empty string of at most ${MAX_TENANT_ID} characters without control characters`,
    );
  }
  return ref;
}

/**
 * The statement that scopes a transaction to a tenant, sent right after BEGIN in the same round trip (a tenant
 * transaction costs one round trip to open and one to commit). `set_config('role', …, true)` is what
 * `SET LOCAL ROLE` does, so role, tenant and the tenant's signature (tenant-key.ts: RLS trusts the tenant only
 * with it) are one SELECT. All are transaction-local: nothing stays on a pooled connection. The values are
 * quoted literals (pg's escapeLiteral) because a multi-statement simple query cannot carry `$1` parameters.
 */
export function tenantSetupSql(tenantId: string, signature: string): string {
  return `SELECT set_config('role', '${APP_ROLE}', true), set_config('${TENANT_SETTING}', ${pg.escapeLiteral(tenantId)}, true), set_config('${TENANT_SIGNATURE_SETTING}', ${pg.escapeLiteral(signature)}, true)`;
}

/**
 * One value as a SQL literal, for statements inlined into a simple-protocol query (which has no parameters).
 * Hand-written on top of pg's escapeLiteral because node-postgres only inlines nothing: it sends parameters
 * with the extended protocol, one statement per round trip. Only the types the runtime's own statements use.
 */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return pg.escapeLiteral(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`sqlLiteral: ${value} is not a finite number`);
    return `(${String(value)})`;
  }
  if (typeof value === 'bigint') return `(${value.toString()})`;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Uint8Array) return `decode('${Buffer.from(value).toString('hex')}', 'hex')`;
  throw new TypeError(`sqlLiteral: unsupported parameter type ${typeof value}`);
}

/**
 * Replaces `$1…$n` in a runtime-owned statement with literals. The statement must not contain `$<digit>`
 * inside a string, comment or dollar quote (the runtime's statements do not); every placeholder needs a value.
 */
export function inlineParams(sql: string, params: readonly unknown[] = []): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => {
    const index = Number(n) - 1;
    if (index < 0 || index >= params.length) throw new TypeError(`inlineParams: no value for $${n}`);
    return sqlLiteral(params[index]);
  });
}

export const MAINTENANCE_SETUP_SQL = `SELECT set_config('app.maintenance', 'on', true)`;

/** The statement that opens a transaction after BEGIN: `name` makes it a prepared statement per connection. */
export interface TxSetup {
  sql: string;
  params?: unknown[];
  name?: string;
}

/** The tenant setup with the id as a parameter, prepared once per pooled connection (no parse per request). */
export const TENANT_SETUP_SQL = `SELECT set_config('role', '${APP_ROLE}', true), set_config('${TENANT_SETTING}', $1, true), set_config('${TENANT_SIGNATURE_SETTING}', $2, true)`;

export function tenantSetup(tenantId: string, signature: string): TxSetup {
  return { name: 'shipshape_tenant_setup', sql: TENANT_SETUP_SQL, params: [tenantId, signature] };
}

/** Adds the tenant-scoped helpers (outbox, audit, inbox) to a transaction that is already scoped. */
export function buildTx(
  base: Queryable,
  tenant: TenantRef,
  naming: EventNaming | undefined,
  onOutboxAdd?: () => void,
): Tx {
  const outbox = createOutboxWriter(base, tenant, naming);
  return {
    tenantId: tenant.id,
    subject: tenant.subject,
    query: (sql, params) => base.query(sql, params),
    exec: (sql) => base.exec(sql),
    outbox: {
      async add(event) {
        const added = await outbox.add(event);
        onOutboxAdd?.();
        return added;
      },
    },
    audit: createAuditWriter(base, tenant),
    inbox: createInbox(base, tenant),
  };
}

/** Listeners notified after a commit that wrote outbox rows. */
export class CommitSignal {
  private readonly listeners = new Set<() => void>();

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of this.listeners) {
      try {
        listener();
      } catch {
        // a listener's failure must not fail the committed transaction
      }
    }
  }
}

/** Raised by a `Tx` used after its transaction ended (committed or rolled back). */
export class FinishedTransactionError extends Error {
  override readonly name = 'FinishedTransactionError';
  constructor() {
    super(
      'this Tx belongs to a transaction that has already ended; use it only inside its withTenant/tenantTx callback',
    );
  }
}

/**
 * A view of `tx` that refuses every call once `end()` ran. On PostgreSQL a Tx kept past its callback would
 * otherwise run on whichever transaction next holds that pooled connection — possibly another tenant's.
 */
export function endableTx(tx: Tx): { tx: Tx; end(): void } {
  let open = true;
  const check = (): void => {
    if (!open) throw new FinishedTransactionError();
  };
  // async wrappers: a stale call rejects its promise rather than throwing at the call site.
  const view: Tx = {
    tenantId: tx.tenantId,
    subject: tx.subject,
    query: async (sql, params) => (check(), tx.query(sql, params)),
    exec: async (sql) => (check(), tx.exec(sql)),
    outbox: { add: async (event) => (check(), tx.outbox.add(event)) },
    audit: { record: async (entry) => (check(), tx.audit.record(entry)) },
    inbox: { consume: async (eventId, fn, options) => (check(), tx.inbox.consume(eventId, fn, options)) },
  };
  return {
    tx: view,
    end: () => {
      open = false;
    },
  };
}

/** Runs a tenant transaction and notifies `signal` after it committed if it added outbox rows. */
export async function runTenantTx<T>(
  run: (fn: (q: Queryable, prelude: Promise<QueryResult<Row>[]>) => Promise<T>) => Promise<T>,
  ref: TenantRef,
  naming: EventNaming | undefined,
  signal: CommitSignal,
  fn: (tx: Tx, prelude: Promise<QueryResult<Row>[]>) => Promise<T>,
): Promise<T> {
  let wroteOutbox = false;
  const result = await run(async (q, prelude) => {
    const scoped = endableTx(
      buildTx(q, ref, naming, () => {
        wroteOutbox = true;
      }),
    );
    try {
      return await fn(scoped.tx, prelude);
    } finally {
      scoped.end();
    }
  });
  if (wroteOutbox) signal.notify();
  return result;
}

/** Statements committed before a transaction begins, on its connection (TenantTxOptions.prelude). */
export interface Prelude {
  tenantId: string;
  /** The tenant's signature (TenantKey.sign). */
  signature: string;
  statements: readonly Statement[];
}

/**
 * The one transaction primitive each backend implements: the optional prelude (committed on its own), BEGIN,
 * the optional setup, fn, COMMIT or ROLLBACK. fn gets the prelude's results (an empty list without one).
 */
export type InTransaction = <T>(
  setup: TxSetup | undefined,
  fn: (q: Queryable, prelude: Promise<QueryResult<Row>[]>) => Promise<T>,
  prelude?: Prelude,
) => Promise<T>;

/** The transaction methods every Database has, built the same way on each backend's primitive. */
export function transactionMethods(
  inTransaction: InTransaction,
  naming: EventNaming | undefined,
  signal: CommitSignal,
  keys: { get(): Promise<TenantKey> },
): Pick<Database, 'tx' | 'maintenanceTx' | 'tenantTx'> {
  return {
    tx: (fn) => inTransaction(undefined, fn),
    maintenanceTx: (fn) => inTransaction({ sql: MAINTENANCE_SETUP_SQL }, fn),
    // async, so a bad tenant id rejects the returned promise instead of throwing at the call.
    tenantTx: async (tenant, fn, options) => {
      const ref = normalizeTenant(tenant);
      const signature = (await keys.get()).sign(ref.id);
      const prelude = options?.prelude?.length
        ? { tenantId: ref.id, signature, statements: options.prelude }
        : undefined;
      return runTenantTx(
        (run) => inTransaction(tenantSetup(ref.id, signature), run, prelude),
        ref,
        naming,
        signal,
        fn,
      );
    },
  };
}
