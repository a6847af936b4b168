import type { Database, TenantRef, Tx } from '../data/types.js';

/** A tenant transaction kept open past its callback, until the response it belongs to is known. */
export interface HeldTransaction {
  readonly tx: Tx;
  /** Runs `before` inside the transaction, then commits. Rejects (and nothing is committed) when either fails. */
  commit(before: (tx: Tx) => Promise<void>): Promise<void>;
  /** Rolls back; never rejects. */
  rollback(): Promise<void>;
}

type Outcome = { commit: true; before: (tx: Tx) => Promise<void> } | { commit: false };

class RolledBack extends Error {}

/**
 * Opens `db.tenantTx` and hands its Tx out instead of running a callback: the idempotency plugin holds the
 * handler's transaction open until onSend, writes the stored response into it and only then commits.
 * Database.tenantTx is callback-shaped (BEGIN … COMMIT around fn), so the callback here waits on a promise
 * that commit()/rollback() settle. Exactly one of them must be called, or the connection stays checked out.
 */
export function holdTenantTx(db: Database, tenant: TenantRef): Promise<HeldTransaction> {
  return new Promise<HeldTransaction>((resolveHeld, rejectHeld) => {
    let settle!: (outcome: Outcome) => void;
    const settled = new Promise<Outcome>((resolve) => (settle = resolve));
    let opened = false;
    const done = db.tenantTx(tenant, async (tx) => {
      opened = true;
      resolveHeld({
        tx,
        async commit(before) {
          settle({ commit: true, before });
          await done;
        },
        async rollback() {
          settle({ commit: false });
          await done.catch(() => undefined);
        },
      });
      const outcome = await settled;
      if (!outcome.commit) throw new RolledBack('rolled back');
      await outcome.before(tx);
    });
    done.catch((err: unknown) => {
      if (!opened) rejectHeld(err);
    });
  });
}
