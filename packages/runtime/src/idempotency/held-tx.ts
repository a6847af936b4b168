import type { Database, QueryResult, Row, Statement, TenantRef, Tx } from '../data/types.js';

/** A tenant transaction kept open past its callback, until the response it belongs to is known. */
export interface HeldTransaction {
  readonly tx: Tx;
  /** Results of the prelude statements (committed before the transaction began). */
  readonly prelude: QueryResult<Row>[];
  /** Result of the opening statement, the transaction's first. */
  readonly opening?: QueryResult<Row>;
  /**
   * Runs `before` inside the transaction, then commits. Rejects (and nothing is committed) when either fails.
   * On PostgreSQL, `before`'s statement and COMMIT share a round trip: `before` must then make its statement
   * fail (not merely change no row) when the commit must not happen — COMMIT after a failed statement rolls back.
   */
  commit(before: (tx: Tx) => Promise<void>): Promise<void>;
  /** Rolls back; never rejects. */
  rollback(): Promise<void>;
}

export interface HoldOptions {
  /** Committed on the same connection before the transaction begins (TenantTxOptions.prelude). */
  prelude?: readonly Statement[];
  /** The transaction's first statement, sent without waiting for BEGIN (PostgreSQL: in the same write). */
  opening?: Statement;
}

type Outcome = { commit: true; before: (tx: Tx) => Promise<void> } | { commit: false };

class RolledBack extends Error {}

/**
 * Opens `db.tenantTx` and hands its Tx out instead of running a callback: the idempotency plugin holds the
 * handler's transaction open until onSend, writes the stored response into it and only then commits.
 * Database.tenantTx is callback-shaped (BEGIN … COMMIT around fn), so the callback here waits on a promise
 * that commit()/rollback() settle. Exactly one of them must be called, or the connection stays checked out.
 * Rejects when the prelude or the opening statement fails (the transaction is rolled back then).
 */
export function holdTenantTx(
  db: Database,
  tenant: TenantRef,
  options: HoldOptions = {},
): Promise<HeldTransaction> {
  // On PostgreSQL the completion statement and COMMIT go out together; PGlite has no round trip to save.
  const pipelineCommit = db.kind === 'postgres';
  return new Promise<HeldTransaction>((resolveHeld, rejectHeld) => {
    let settle!: (outcome: Outcome) => void;
    const settled = new Promise<Outcome>((resolve) => (settle = resolve));
    let opened = false;
    let stored: Promise<void> | undefined;
    const done = db.tenantTx(
      tenant,
      async (tx, preludeResults) => {
        // Issued before any await, so it travels with BEGIN.
        const opening = options.opening
          ? tx.query(options.opening.sql, options.opening.params && [...options.opening.params])
          : undefined;
        opening?.catch(() => undefined);
        const [prelude, first] = await Promise.all([preludeResults, opening]);
        opened = true;
        resolveHeld({
          tx,
          prelude,
          opening: first,
          async commit(before) {
            settle({ commit: true, before });
            await done;
            await stored;
          },
          async rollback() {
            settle({ commit: false });
            await done.catch(() => undefined);
          },
        });
        const outcome = await settled;
        if (!outcome.commit) throw new RolledBack('rolled back');
        stored = outcome.before(tx);
        if (pipelineCommit)
          stored.catch(() => undefined); // commit() awaits it; COMMIT follows at once
        else await stored;
      },
      { prelude: options.prelude },
    );
    done.catch((err: unknown) => {
      if (!opened) rejectHeld(err);
    });
  });
}
