import pg from 'pg';
import { classifyDbError, DatabaseUnavailableError, pingWithin } from './errors.js';
import {
  CommitSignal,
  inlineParams,
  transactionMethods,
  normalizeTenant,
  tenantSetupSql,
  type EventNaming,
  type Prelude,
  type TxSetup,
} from './tenant-tx.js';
import { tenantKeyHolder } from './tenant-key.js';
import type { Database, PoolStats, Queryable, QueryResult, Row, Statement, TenantRef } from './types.js';

export interface PostgresPoolOptions {
  /** Maximum connections (default 10). */
  max?: number;
  /** How long a caller waits for a connection before failing (default 5000 ms). */
  connectionTimeoutMs?: number;
  /** Idle connections are closed after this (default 30000 ms). */
  idleTimeoutMs?: number;
  /** Server-side `statement_timeout` per connection; unset = server default. */
  statementTimeoutMs?: number;
  /** Server-side `idle_in_transaction_session_timeout` per connection; unset = server default. */
  idleInTransactionTimeoutMs?: number;
}

export interface PostgresDatabaseOptions {
  url: string;
  pool?: PostgresPoolOptions;
  events?: EventNaming;
  applicationName?: string;
  /** Called with errors of idle connections (e.g. the server restarted); they are dropped from the pool. */
  onIdleError?: (err: Error) => void;
}

// int8 (count(*), bigserial) as a JS number, as PGlite returns it, so rows look the same on both.
const INT8_OID = 20;
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary') return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `postgres ${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'postgres';
  }
}

/** A Queryable whose query() also takes a statement name (prepared once per connection). */
type NamedQueryable = Queryable & {
  query<T = Row>(sql: string, params?: unknown[], name?: string): Promise<QueryResult<T>>;
};

function wrap(client: pg.ClientBase | pg.Pool): NamedQueryable {
  return {
    async query<T>(sql: string, params?: unknown[], name?: string): Promise<QueryResult<T>> {
      try {
        const result = name
          ? await client.query({ name, text: sql, values: params })
          : await client.query(sql, params as unknown[] | undefined);
        return { rows: result.rows as T[], rowCount: result.rowCount ?? result.rows.length };
      } catch (err) {
        throw classifyDbError(err);
      }
    },
    async exec(sql: string): Promise<void> {
      try {
        await client.query(sql);
      } catch (err) {
        throw classifyDbError(err);
      }
    },
  };
}

/**
 * Tenant-scoped statements as one simple-protocol query: PostgreSQL runs them as one implicit transaction, so
 * the transaction-local role and tenant apply to them and are gone when it ends (commit or error). One
 * result per statement (the setup's dropped).
 */
async function runBatch(
  client: pg.ClientBase | pg.Pool,
  tenantId: string,
  signature: string,
  statements: readonly Statement[],
): Promise<QueryResult<Row>[]> {
  const sql = [
    tenantSetupSql(tenantId, signature),
    ...statements.map((s) => inlineParams(s.sql, s.params)),
  ].join(';\n');
  let results: pg.QueryResult | pg.QueryResult[];
  try {
    results = (await client.query(sql)) as unknown as pg.QueryResult | pg.QueryResult[];
  } catch (err) {
    throw classifyDbError(err);
  }
  const list = Array.isArray(results) ? results : [results];
  return list
    .slice(1)
    .map((r): QueryResult<Row> => ({ rows: r.rows as Row[], rowCount: r.rowCount ?? r.rows.length }));
}

/** Advisory lock keys are 64-bit; hashtext() maps the lock name to one in SQL. */
const LOCK_SQL = 'select pg_advisory_lock(hashtext($1))';
const UNLOCK_SQL = 'select pg_advisory_unlock(hashtext($1))';

export function createPostgresDatabase(options: PostgresDatabaseOptions): Database {
  const poolOptions = options.pool ?? {};
  const clientConfig: pg.ClientConfig = {
    connectionString: options.url,
    application_name: options.applicationName ?? 'shipshape',
    types,
    ...(poolOptions.statementTimeoutMs ? { statement_timeout: poolOptions.statementTimeoutMs } : {}),
    ...(poolOptions.idleInTransactionTimeoutMs
      ? { idle_in_transaction_session_timeout: poolOptions.idleInTransactionTimeoutMs }
      : {}),
  };
  const pool = new pg.Pool({
    ...clientConfig,
    max: poolOptions.max ?? 10,
    pipeline: true,
    connectionTimeoutMillis: poolOptions.connectionTimeoutMs ?? 5_000,
    idleTimeoutMillis: poolOptions.idleTimeoutMs ?? 30_000,
  });
  // Without a listener, an idle client's error (server restart, network loss) would crash the process.
  pool.on('error', (err) => options.onIdleError?.(err));

  let closed = false;
  const pooled = wrap(pool);
  const commits = new CommitSignal();
  const keys = tenantKeyHolder((sql) => pooled.query(sql));

  async function connect(): Promise<pg.PoolClient> {
    if (closed) throw new DatabaseUnavailableError('database pool is closed');
    try {
      return await pool.connect();
    } catch (err) {
      throw classifyDbError(err);
    }
  }

  async function inTransaction<T>(
    setup: TxSetup | undefined,
    fn: (q: Queryable, prelude: Promise<QueryResult<Row>[]>) => Promise<T>,
    prelude?: Prelude,
  ): Promise<T> {
    const client = await connect();
    const q = wrap(client);
    let broken: Error | undefined;
    // A checked-out client that loses its connection between statements emits 'error'; without a listener
    // that would crash the process. The next statement on it fails and is reported to the caller instead.
    const onError = (err: Error): void => {
      broken = err;
    };
    client.on('error', onError);
    try {
      // The pool's clients pipeline (node-postgres `pipeline: true`): BEGIN, its setup (a prepared statement
      // for tenants) and fn's first statement go out in one write without waiting for their answers, which
      // saves a round trip and two socket writes per transaction. Should BEGIN or the setup fail, the
      // statements behind it fail too ("current transaction is aborted"), and their own error is reported.
      const stream = (client as unknown as { connection?: { stream?: NodeJS.WritableStream } }).connection
        ?.stream as { cork?(): void; uncork?(): void } | undefined;
      stream?.cork?.();
      let began: Promise<unknown>;
      let run: Promise<T>;
      try {
        // The prelude is its own simple-protocol query (an implicit transaction, committed when it ends),
        // written together with BEGIN; a failing prelude does not stop the BEGIN behind it.
        const before: Promise<QueryResult<Row>[]> = prelude
          ? runBatch(client, prelude.tenantId, prelude.signature, prelude.statements)
          : Promise.resolve([]);
        before.catch(() => undefined); // fn awaits it
        const begin = q.exec('BEGIN');
        const opened = setup ? q.query(setup.sql, setup.params, setup.name) : undefined;
        opened?.catch(() => undefined); // awaited through `began`
        began = begin.then(() => opened);
        began.catch(() => undefined); // awaited below; this only stops an early rejection from being unhandled
        try {
          run = fn(q, before);
        } catch (err) {
          run = Promise.reject(err);
        }
      } finally {
        stream?.uncork?.();
      }
      let result: T;
      try {
        result = await run;
      } catch (err) {
        await began;
        throw err;
      }
      await began;
      await q.exec('commit');
      return result;
    } catch (err) {
      try {
        await client.query('rollback');
      } catch (rollbackErr) {
        // The connection is unusable (lost mid-transaction): destroy it instead of returning it to the pool.
        broken = rollbackErr as Error;
      }
      throw err;
    } finally {
      client.off('error', onError);
      client.release(broken ?? false);
    }
  }

  const db: Database = {
    kind: 'postgres',
    description: describeUrl(options.url),
    query: (sql, params) => pooled.query(sql, params),
    exec: (sql) => pooled.exec(sql),
    ...transactionMethods(inTransaction, options.events, commits, keys),
    useTenantKey: (key) => keys.use(key),
    tenantKey: () => keys.get(),
    async tenantStatements(tenant: string | TenantRef, statements: readonly Statement[]) {
      const ref = normalizeTenant(tenant);
      if (statements.length === 0) return [];
      if (closed) throw new DatabaseUnavailableError('database pool is closed');
      return runBatch(pool, ref.id, (await keys.get()).sign(ref.id), statements);
    },
    async withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
      // A dedicated connection outside the pool holds the session lock, so fn can use the whole pool.
      const client = new pg.Client(clientConfig);
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.query(LOCK_SQL, [name]);
      } catch (err) {
        await client.end().catch(() => undefined);
        throw classifyDbError(err);
      }
      try {
        return await fn();
      } finally {
        await client.query(UNLOCK_SQL, [name]).catch(() => undefined);
        await client.end().catch(() => undefined);
      }
    },
    async ping(timeoutMs: number): Promise<void> {
      await pingWithin((sql) => pooled.query(sql), timeoutMs);
    },
    stats(): PoolStats {
      return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
    },
    onOutboxCommit: (listener) => commits.subscribe(listener),
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
  return db;
}
