import type { Database } from '../data/types.js';
import { IdempotencyStore } from './store.js';

export interface IdempotencyCleanupOptions {
  db: Database;
  /** How often expired keys are deleted (default 10 min); the first run is right after start. */
  intervalMs?: number;
  batchSize?: number;
  logger?: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export interface IdempotencyCleanup {
  /** Deletes expired keys now; resolves with the count. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

/** Periodic deletion of idempotency keys past their 24 h expiry (timers are unref'd: they never hold the process). */
export function startIdempotencyCleanup(options: IdempotencyCleanupOptions): IdempotencyCleanup {
  const intervalMs = options.intervalMs ?? 10 * 60 * 1000;
  if (!Number.isInteger(intervalMs) || intervalMs <= 0) {
    throw new TypeError('startIdempotencyCleanup: option "intervalMs" must be a positive integer');
  }
  const store = new IdempotencyStore(options.db);
  let running: Promise<number> | undefined;
  let stopped = false;

  const runOnce = async (): Promise<number> => {
    if (running) return running;
    running = store.deleteExpired(options.batchSize).finally(() => {
      running = undefined;
    });
    return running;
  };
  const tick = (): void => {
    if (stopped) return;
    runOnce().then(
      (n) => {
        if (n > 0) options.logger?.info({ deleted: n }, 'idempotency: expired keys deleted');
      },
      (err: unknown) => options.logger?.error({ err }, 'idempotency: cleanup failed; will retry'),
    );
  };
  const first = setTimeout(tick, 1_000);
  const timer = setInterval(tick, intervalMs);
  first.unref();
  timer.unref();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
