import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { classifyDbError, DatabaseUnavailableError, pingWithin } from './errors.js';
import {
  CommitSignal,
  transactionMethods,
  normalizeTenant,
  tenantSetup,
  type Prelude,
  type TxSetup,
  type EventNaming,
} from './tenant-tx.js';
import { tenantKeyHolder } from './tenant-key.js';
import type { Database, PoolStats, Queryable, QueryResult, Row, Statement, TenantRef } from './types.js';

export interface PgliteDatabaseOptions {
  /** Data directory; undefined = in memory. Created when missing. */
  dataDir?: string;
  /**
   * An existing PGlite instance to use instead of creating one (two app instances in one test share one
   * database this way). The caller keeps ownership: close() leaves it open.
   */
  pglite?: PGlite;
  events?: EventNaming;
}

type Runner = Pick<Transaction, 'query' | 'exec'> | Pick<PGlite, 'query' | 'exec'>;

function wrap(runner: Runner): Queryable {
  return {
    async query<T>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
      try {
        const result = await runner.query<T>(sql, params as unknown[] | undefined);
        return { rows: result.rows, rowCount: Math.max(result.affectedRows ?? 0, result.rows.length) };
      } catch (err) {
        throw classifyPglite(err);
      }
    },
    async exec(sql: string): Promise<void> {
      try {
        await runner.exec(sql);
      } catch (err) {
        throw classifyPglite(err);
      }
    },
  };
}

function classifyPglite(err: unknown): unknown {
  if (err instanceof Error && /PGlite is closed/i.test(err.message)) {
    return new DatabaseUnavailableError('database unavailable: the embedded PGlite database is closed', {
      cause: err,
    });
  }
  return classifyDbError(err);
}

/** Per-instance state shared by every Database wrapping the same PGlite (in-process locks, tx context). */
interface Shared {
  locks: Map<string, Promise<void>>;
  txContext: AsyncLocalStorage<true>;
  waiting: number;
  active: number;
}
const sharedState = new WeakMap<PGlite, Shared>();

function stateOf(pglite: PGlite): Shared {
  let state = sharedState.get(pglite);
  if (!state) {
    state = { locks: new Map(), txContext: new AsyncLocalStorage(), waiting: 0, active: 0 };
    sharedState.set(pglite, state);
  }
  return state;
}

/**
 * PGlite is one connection serving one statement at a time. Its transaction() holds an exclusive lock for
 * the whole callback, so concurrent requests queue behind each other instead of interleaving statements
 * inside another request's transaction; its query() waits on the same lock.
 */
export async function createPgliteDatabase(options: PgliteDatabaseOptions = {}): Promise<Database> {
  const owned = options.pglite === undefined;
  let pglite: PGlite;
  if (options.pglite) {
    pglite = options.pglite;
  } else {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    pglite = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  }
  await pglite.waitReady;
  const state = stateOf(pglite);
  const top = wrap(pglite);
  const commits = new CommitSignal();
  const keys = tenantKeyHolder((sql) => top.query(sql));
  let closed = false;

  function guard(what: string): void {
    if (closed) throw new DatabaseUnavailableError('database unavailable: this database handle is closed');
    if (state.txContext.getStore()) {
      // A second statement outside the open transaction would wait forever for PGlite's lock.
      throw new Error(
        `${what} called inside a transaction on PGlite would deadlock; use the transaction's query()`,
      );
    }
  }

  async function inTransaction<T>(
    setup: TxSetup | undefined,
    fn: (q: Queryable, prelude: Promise<QueryResult<Row>[]>) => Promise<T>,
    prelude?: Prelude,
  ): Promise<T> {
    // In process there is no round trip to save: the prelude is a tenant transaction of its own before.
    const before: Promise<QueryResult<Row>[]> = prelude
      ? runStatements(prelude.tenantId, prelude.signature, prelude.statements)
      : Promise.resolve([]);
    if (prelude) await before.catch(() => undefined);
    guard('a transaction');
    state.waiting++;
    let started = false;
    try {
      return await pglite.transaction(async (t) => {
        started = true;
        state.waiting--;
        state.active++;
        try {
          return await state.txContext.run(true, async () => {
            const q = wrap(t);
            if (setup) await q.query(setup.sql, setup.params);
            return fn(q, before);
          });
        } finally {
          state.active--;
        }
      });
    } catch (err) {
      throw classifyPglite(err);
    } finally {
      if (!started) state.waiting--;
    }
  }

  /** In process there is no round trip to save: a tenant transaction with real parameters. */
  function runStatements(
    tenantId: string,
    signature: string,
    statements: readonly Statement[],
  ): Promise<QueryResult<Row>[]> {
    return inTransaction(tenantSetup(tenantId, signature), async (q) => {
      const results: QueryResult<Row>[] = [];
      for (const s of statements)
        results.push(await q.query<Row>(s.sql, s.params ? [...s.params] : undefined));
      return results;
    });
  }

  return {
    kind: 'pglite',
    description: options.dataDir ? `pglite ${options.dataDir}` : 'pglite memory',
    async query(sql, params) {
      guard('db.query');
      return top.query(sql, params);
    },
    async exec(sql) {
      guard('db.exec');
      return top.exec(sql);
    },
    ...transactionMethods(inTransaction, options.events, commits, keys),
    useTenantKey: (key) => keys.use(key),
    tenantKey: () => keys.get(),
    async tenantStatements(tenant: string | TenantRef, statements: readonly Statement[]) {
      const ref = normalizeTenant(tenant);
      if (statements.length === 0) return [];
      return runStatements(ref.id, (await keys.get()).sign(ref.id), statements);
    },
    async withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
      const previous = state.locks.get(name) ?? Promise.resolve();
      let release!: () => void;
      const current = new Promise<void>((resolve) => (release = resolve));
      const chained = previous.then(() => current);
      state.locks.set(name, chained);
      await previous;
      try {
        return await fn();
      } finally {
        release();
        if (state.locks.get(name) === chained) state.locks.delete(name);
      }
    },
    async ping(timeoutMs: number): Promise<void> {
      if (closed || pglite.closed)
        throw new DatabaseUnavailableError('database unavailable: PGlite is closed');
      await pingWithin((sql) => top.query(sql), timeoutMs);
    },
    stats(): PoolStats {
      return { total: 1, idle: state.active > 0 ? 0 : 1, waiting: state.waiting };
    },
    onOutboxCommit: (listener) => commits.subscribe(listener),
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      if (owned && !pglite.closed) await pglite.close();
    },
  };
}
