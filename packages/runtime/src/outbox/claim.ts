/**
 * Claiming and ordering: which outbox rows a relay may publish now, reserved for it alone so concurrent relays
 * (replicas of the service) never publish the same row at once, and released when it cannot finish them.
 */
import type { Database } from '../data/types.js';
import type { OutboxRow } from './cloudevent.js';

// Claimable: pending, due, not claimed by a live relay, and the first pending event of its subject — so the
// events of one subject go out in order, whichever relay instance claims them.
const CLAIM_SQL = `
update shipshape_outbox set claimed_until = now() + $2::int * interval '1 millisecond', claimed_by = $3
 where seq in (
   select o.seq from shipshape_outbox o
    where o.published_at is null and o.dead_at is null and o.next_attempt_at <= now()
      and (o.claimed_until is null or o.claimed_until < now())
      and not exists (
        select 1 from shipshape_outbox p
         where p.tenant_id = o.tenant_id and p.subject = o.subject and p.seq < o.seq
           and p.published_at is null and p.dead_at is null)
    order by o.seq
    limit $1
    for update of o skip locked)
returning seq, id::text as id, tenant_id, type, source, subject, data, created_at, attempts`;

type Maintenance = Pick<Database, 'maintenanceTx'>;

/**
 * Claims up to `batchSize` rows for `relayId` for `claimMs` (UPDATE … WHERE seq IN (SELECT … FOR UPDATE SKIP
 * LOCKED) in a short maintenance transaction, so no transaction stays open during I/O). Rows come back in seq
 * order; a relay that dies mid-batch leaves claims that expire after claimMs.
 */
export async function claimBatch(
  db: Maintenance,
  batch: { batchSize: number; claimMs: number; relayId: string },
): Promise<OutboxRow[]> {
  const { rows } = await db.maintenanceTx((tx) =>
    tx.query<OutboxRow>(CLAIM_SQL, [batch.batchSize, batch.claimMs, batch.relayId]),
  );
  return rows.sort((a, b) => a.seq - b.seq);
}

/** Gives back this relay's claim on rows it will not publish now (they wait, in order, for the next round). */
export async function releaseClaims(
  db: Maintenance,
  rows: readonly OutboxRow[],
  relayId: string,
): Promise<void> {
  await db.maintenanceTx((tx) =>
    tx.query(
      `update shipshape_outbox set claimed_until = null, claimed_by = null
        where seq = any($1::bigint[]) and claimed_by = $2`,
      [rows.map((r) => r.seq), relayId],
    ),
  );
}
