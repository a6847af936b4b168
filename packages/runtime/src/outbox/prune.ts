/**
 * Pruning: published outbox rows and consumed inbox ids older than the retention are deleted, at most once per
 * interval per relay. Pending and dead-lettered rows are never pruned.
 */
import type { Database } from '../data/types.js';

/** How often a relay prunes (default every 10 minutes). */
export const PRUNE_INTERVAL_MS = 10 * 60 * 1000;

/**
 * A pruner for `retentionMs` (0 or less keeps everything): call it after every successful round; it deletes
 * only when PRUNE_INTERVAL_MS has passed since its last run.
 */
export function createPruner(
  db: Pick<Database, 'maintenanceTx'>,
  retentionMs: number,
  now: () => number = Date.now,
): () => Promise<void> {
  let lastPrune = 0;
  return async () => {
    if (retentionMs <= 0 || now() - lastPrune < PRUNE_INTERVAL_MS) return;
    lastPrune = now();
    await db.maintenanceTx((tx) =>
      tx.query(
        `delete from shipshape_outbox where published_at is not null
            and published_at < now() - $1::bigint * interval '1 millisecond'`,
        [retentionMs],
      ),
    );
    await db.maintenanceTx((tx) =>
      tx.query(
        `delete from shipshape_inbox where consumed_at < now() - $1::bigint * interval '1 millisecond'`,
        [retentionMs],
      ),
    );
  };
}
