/**
 * Issue 9 §3 on both databases with a real nats-server: one poison event must not block the outbox. Attempts
 * and backoff are per event, an event over the size limit or failing maxAttempts times is dead-lettered, the
 * others keep flowing, events of one subject stay in order, and the JetStream stream has explicit limits.
 */
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsServer } from '@shipshape/testing';
import { beforeAll, expect, it } from 'vitest';
import type { Database } from '../src/data/types.js';
import { defaultStreamName } from '../src/outbox/cloudevent.js';
import { describeOutbox, naming, until } from './support/outbox-harness.js';

const stream = defaultStreamName(naming);

interface Row {
  id: string;
  subject: string;
  attempts: number;
  published_at: Date | null;
  dead_at: Date | null;
  last_error: string | null;
}

describeOutbox('outbox under faults', (h) => {
  let db: Database;
  let server: NatsServer;
  beforeAll(() => {
    ({ db, server } = h);
  });
  const relay = h.relay;
  const add = (tenant: string, subject: string, data: unknown) =>
    db.tenantTx(tenant, (tx) => tx.outbox.add({ entity: 'order', verb: 'created', subject, data }));
  const rows = async (tenant: string): Promise<Row[]> =>
    (
      await db.maintenanceTx((tx) =>
        tx.query<Row>(
          `select id::text as id, subject, attempts, published_at, dead_at, last_error
                 from shipshape_outbox where tenant_id = $1 order by seq`,
          [tenant],
        ),
      )
    ).rows;
  const big = { blob: 'x'.repeat(1_200_000) };

  it('dead-letters an event over the size limit at once; the small events behind it are published', async () => {
    const poison = await add('poison', 'p-1', big);
    await add('poison', 'p-2', { small: 1 });
    await add('poison', 'p-3', { small: 2 });
    const r = relay();
    await until(async () => (await r.pending()) === 0, 20_000, 'the small events');
    const seen = await rows('poison');
    expect(seen.map((x) => [x.subject, x.published_at !== null, x.dead_at !== null])).toEqual([
      ['p-1', false, true],
      ['p-2', true, false],
      ['p-3', true, false],
    ]);
    expect(seen[0].id).toBe(poison.id);
    expect(seen[0].last_error).toMatch(/bytes.*limit/);
    const status = r.status();
    expect(status.deadLettered).toBeGreaterThanOrEqual(1);
    expect(await r.deadLettered()).toBeGreaterThanOrEqual(1);
    await r.stop();
  });

  it('retries a failing event with its own backoff, dead-letters it after maxAttempts, keeps per-subject order', async () => {
    // Above the server's max_payload, so each publish really fails at the broker side of the client.
    const r = relay({ maxEventBytes: 4_000_000, maxAttempts: 3, backoff: { initialMs: 20, maxMs: 60 } });
    await add('retry', 'same', big);
    await add('retry', 'same', { after: 'the poison, same subject' });
    await add('retry', 'other', { unrelated: true });
    await until(async () => (await r.pending()) === 0, 30_000, 'the outbox to settle');
    const [first, second, other] = await rows('retry');
    expect(first.attempts).toBe(3);
    expect(first.dead_at).not.toBeNull();
    expect(first.published_at).toBeNull();
    // Order within a subject: the second event went out only after the first was given up on.
    expect(second.published_at).not.toBeNull();
    expect(new Date(second.published_at as Date).getTime()).toBeGreaterThanOrEqual(
      new Date(first.dead_at as Date).getTime(),
    );
    expect(other.published_at).not.toBeNull();
    expect(r.status().connected).toBe(true);
    expect(await r.oldestPendingSeconds()).toBe(0);
    await r.stop();
  });

  it('creates the JetStream stream with explicit limits', async () => {
    const nc = await connect({ servers: server.url, reconnect: false });
    try {
      const jsm = await jetstreamManager(nc);
      const info = await jsm.streams.info(stream);
      expect(info.config.max_age).toBe(7 * 24 * 3600 * 1e9);
      expect(info.config.max_bytes).toBe(1024 ** 3);
      expect(info.config.num_replicas).toBe(1);
      expect(info.config.duplicate_window).toBe(2 * 60 * 1e9);
    } finally {
      await nc.close();
    }
  });
});
