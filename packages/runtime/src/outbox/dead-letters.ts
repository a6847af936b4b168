/**
 * The operator's path for dead-lettered outbox events (runbook `<service>-outbox-dead-letter`): list them,
 * requeue them (pending again, fresh attempts) or discard them. The SQL is the contracts' catalog text, the same
 * the runbook prints as a psql command, bound here with `$1` instead of psql's `:'ids'`.
 */
import { OUTBOX_DEAD_LETTER_SQL, type OutboxDeadLetterAction } from '@shipshape/contracts';
import type { Database } from '../data/types.js';

export interface DeadLetter {
  id: string;
  tenant_id: string;
  type: string;
  subject: string;
  attempts: number;
  dead_at: Date;
  /** Size of the event's data as JSON text. */
  data_bytes: number;
  last_error: string | null;
}

type Maintenance = Pick<Database, 'maintenanceTx'>;

/** The statement of an action with the event ids bound as `$1`. */
export function deadLetterSql(action: OutboxDeadLetterAction): string {
  return OUTBOX_DEAD_LETTER_SQL[action].replace(":'ids'", '$1');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkIds(fn: string, ids: readonly string[]): string[] {
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || !UUID.test(id))) {
    throw new TypeError(`${fn}: ids must be an array of event ids (UUIDs)`);
  }
  return [...ids];
}

/** Dead-lettered events of every tenant, oldest first (at most 100). */
export async function listDeadLetters(db: Maintenance): Promise<DeadLetter[]> {
  const { rows } = await db.maintenanceTx((tx) => tx.query<DeadLetter>(deadLetterSql('list')));
  return rows.map((r) => ({ ...r, id: String(r.id), data_bytes: Number(r.data_bytes) }));
}

/**
 * Makes dead-lettered events pending again with fresh attempts; the relay publishes them at its next round.
 * Returns the ids requeued (ids that are not dead-lettered are left alone and not returned).
 */
export async function requeueDeadLetters(db: Maintenance, ids: readonly string[]): Promise<string[]> {
  const bound = checkIds('requeueDeadLetters', ids);
  const { rows } = await db.maintenanceTx((tx) =>
    tx.query<{ id: string }>(deadLetterSql('requeue'), [bound]),
  );
  return rows.map((r) => String(r.id));
}

/** Deletes dead-lettered events for good; returns the ids deleted (other rows are never touched). */
export async function discardDeadLetters(db: Maintenance, ids: readonly string[]): Promise<string[]> {
  const bound = checkIds('discardDeadLetters', ids);
  const { rows } = await db.maintenanceTx((tx) =>
    tx.query<{ id: string }>(deadLetterSql('discard'), [bound]),
  );
  return rows.map((r) => String(r.id));
}
