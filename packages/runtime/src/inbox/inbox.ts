import { CloudEvent } from 'cloudevents';
import type { Database, InboxResult, Queryable, TenantRef, Tx } from '../data/types.js';

let savepointCounter = 0;

/**
 * `tx.inbox`: records an event id as consumed in the caller's transaction and runs fn only the first
 * time. A savepoint keeps "recorded" and fn's effects together even if the caller catches fn's error
 * and commits the rest of its transaction, so a redelivery runs fn again.
 */
export function createInbox(
  q: Queryable,
  tenant: TenantRef,
): {
  consume<T>(eventId: string, fn: () => Promise<T>, options?: { consumer?: string }): Promise<InboxResult<T>>;
} {
  return {
    async consume<T>(
      eventId: string,
      fn: () => Promise<T>,
      options: { consumer?: string } = {},
    ): Promise<InboxResult<T>> {
      if (typeof eventId !== 'string' || eventId.length === 0) {
        throw new TypeError('tx.inbox.consume: eventId must be a non-empty string');
      }
      const consumer = options.consumer ?? 'default';
      const savepoint = `shipshape_inbox_${++savepointCounter}`;
      await q.exec(`savepoint ${savepoint}`);
      try {
        const inserted = await q.query(
          `insert into shipshape_inbox (tenant_id, consumer, event_id) values ($1, $2, $3)
           on conflict do nothing returning event_id`,
          [tenant.id, consumer, eventId],
        );
        if (inserted.rows.length === 0) {
          await q.exec(`release savepoint ${savepoint}`);
          return { duplicate: true };
        }
        const value = await fn();
        await q.exec(`release savepoint ${savepoint}`);
        return { duplicate: false, value };
      } catch (err) {
        await q.exec(`rollback to savepoint ${savepoint}`).catch(() => undefined);
        throw err;
      }
    },
  };
}

/** Parses a structured-mode CloudEvent (a NATS message body) and checks it against CloudEvents 1.0. */
export function parseCloudEvent(payload: Uint8Array | string): CloudEvent<unknown> {
  const text = typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8');
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new TypeError('not a CloudEvent: the message body is not JSON');
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new TypeError('not a CloudEvent: the message body is not a JSON object');
  }
  return new CloudEvent<unknown>(json, true);
}

/**
 * Handles one consumed event exactly once per consumer: opens a transaction for the event's tenant
 * (`tenantid` extension), records the id in the inbox and runs fn in that same transaction. A redelivery
 * of the same id returns `{ duplicate: true }` without running fn.
 */
export async function consumeEvent<T>(
  db: Database,
  event: CloudEvent<unknown> | { id: string; tenantid?: unknown },
  fn: (tx: Tx, event: CloudEvent<unknown> | { id: string; tenantid?: unknown }) => Promise<T>,
  options: { consumer?: string } = {},
): Promise<InboxResult<T>> {
  const tenant = (event as { tenantid?: unknown }).tenantid;
  if (typeof tenant !== 'string' || tenant.length === 0) {
    throw new TypeError(`consumeEvent: event ${event.id} has no tenantid extension`);
  }
  return db.tenantTx(tenant, (tx) => tx.inbox.consume(event.id, () => fn(tx, event), options));
}
