/**
 * Publish attempt bookkeeping of one outbox row: published, refused (its own attempt and backoff) or given up on
 * (dead-lettered: kept with dead_at set, out of the way of the others, until an operator requeues or discards
 * it — see dead-letters.ts and the runbook `<service>-outbox-dead-letter`).
 */
import type { Database } from '../data/types.js';
import type { OutboxRow } from './cloudevent.js';
import type { OutboxRelayLogger } from './options.js';

type Maintenance = Pick<Database, 'maintenanceTx'>;

/** Errors that say "the broker is away", not "this event is bad": they never count as an event's attempt. */
export function isTransportError(err: unknown): boolean {
  const message = (err as Error)?.message ?? '';
  return /timeout|timed out|no responders|closed|disconnect|connection|reconnect/i.test(message);
}

/** Wait before an event's next attempt after `attempts` refusals: doubling from initialMs, capped at maxMs. */
export function retryDelay(attempts: number, backoff: { initialMs: number; maxMs: number }): number {
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** (attempts - 1));
}

/** JetStream acknowledged the row: published, unclaimed, its last error cleared. */
export async function markPublished(db: Maintenance, row: OutboxRow): Promise<void> {
  await db.maintenanceTx((tx) =>
    tx.query(
      `update shipshape_outbox set published_at = now(), claimed_until = null, attempts = attempts + 1, last_error = null
        where seq = $1`,
      [row.seq],
    ),
  );
}

/** The broker refused the row: count the attempt, keep the error, and make it due again after delayMs. */
export async function scheduleRetry(
  db: Maintenance,
  row: OutboxRow,
  retry: { attempts: number; error: string; delayMs: number },
): Promise<void> {
  await db.maintenanceTx((tx) =>
    tx.query(
      `update shipshape_outbox set claimed_until = null, claimed_by = null, attempts = $2, last_error = $3,
              next_attempt_at = now() + $4::int * interval '1 millisecond'
        where seq = $1`,
      [row.seq, retry.attempts, retry.error.slice(0, 500), retry.delayMs],
    ),
  );
}

/** Dead-letters one event and logs it at error level with the runbook's name. */
export async function deadLetter(
  db: Maintenance,
  row: OutboxRow,
  attempts: number,
  reason: string,
  log?: OutboxRelayLogger,
): Promise<void> {
  await db.maintenanceTx((tx) =>
    tx.query(
      `update shipshape_outbox set dead_at = now(), claimed_until = null, claimed_by = null, attempts = $2,
              last_error = $3
        where seq = $1`,
      [row.seq, attempts, reason.slice(0, 500)],
    ),
  );
  log?.error(
    {
      eventId: row.id,
      type: row.type,
      tenant: row.tenant_id,
      attempts,
      reason,
      runbook: 'outbox-dead-letter',
    },
    'outbox event dead-lettered',
  );
}
