import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsServer } from '@shipshape/testing';
import { beforeAll, expect, it } from 'vitest';
import type { Database } from '../src/data/types.js';
import { defaultStreamName } from '../src/outbox/cloudevent.js';
import { startOutboxRelay } from '../src/outbox/relay.js';
import { consumeEvent, parseCloudEvent } from '../src/inbox/inbox.js';
import { NOTES_MIGRATIONS, type BackendHandle } from './support/backends.js';
import { describeOutbox, naming, until } from './support/outbox-harness.js';

const stream = defaultStreamName(naming);

interface Received {
  subject: string;
  contentType: string | undefined;
  msgId: string | undefined;
  event: Record<string, unknown>;
}

async function readStream(url: string): Promise<Received[]> {
  const nc = await connect({ servers: url, reconnect: false });
  try {
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(stream);
    const out: Received[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
      const m = await jsm.streams.getMessage(stream, { seq });
      if (!m) continue;
      out.push({
        subject: m.subject,
        contentType: m.header.get('content-type') || undefined,
        msgId: m.header.get('Nats-Msg-Id') || undefined,
        event: m.json<Record<string, unknown>>(),
      });
    }
    return out;
  } finally {
    await nc.close();
  }
}

async function addEvents(db: Database, tenant: string, count: number, tag: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { id } = await db.tenantTx(tenant, (tx) =>
      tx.outbox.add({ entity: 'order', verb: 'created', subject: `${tag}-${i}`, data: { tag, i } }),
    );
    ids.push(id);
  }
  return ids;
}

describeOutbox(
  'outbox relay',
  (h) => {
    let db: Database;
    let server: NatsServer;
    let handle: BackendHandle;
    beforeAll(() => {
      ({ db, server, handle } = h);
    });
    const relay = h.relay;

    it('publishes pending rows as CloudEvents 1.0 to <org>.<svc>.<entity>.<verb>.v<N> and marks them published', async () => {
      const ids = await addEvents(db, 'tenant-1', 3, 'first');
      const r = relay();
      await until(async () => (await r.pending()) === 0, 15_000, 'the outbox to drain');
      const received = await readStream(server.url);
      expect(received.map((m) => m.event.id)).toEqual(ids);
      const [m] = received;
      expect(m.subject).toBe('acme.orders.order.created.v1');
      expect(m.msgId).toBe(ids[0]);
      expect(m.contentType).toBe('application/cloudevents+json; charset=utf-8');
      expect(m.event).toMatchObject({
        specversion: '1.0',
        id: ids[0],
        type: 'acme.orders.order.created.v1',
        source: '/acme/orders',
        subject: 'first-0',
        datacontenttype: 'application/json',
        data: { tag: 'first', i: 0 },
        tenantid: 'tenant-1',
      });
      expect(Number.isNaN(Date.parse(String(m.event.time)))).toBe(false);
      const { rows } = await db.maintenanceTx((tx) =>
        tx.query<{ n: number }>(
          'select count(*)::int as n from shipshape_outbox where published_at is not null',
        ),
      );
      expect(rows[0].n).toBe(3);
      await r.stop();
    }, 30_000);

    it('keeps rows while NATS is down and delivers every one when it returns', async () => {
      const r = relay({ backoff: { initialMs: 50, maxMs: 500 } });
      await until(async () => r.status().connected, 10_000, 'the relay to connect');
      await server.stop();
      const ids = await addEvents(db, 'tenant-2', 20, 'outage');
      await new Promise((res) => setTimeout(res, 1_500));
      expect(await r.pending()).toBe(20);
      const { rows } = await db.maintenanceTx((tx) =>
        tx.query<{ n: number }>(`select count(*)::int as n from shipshape_outbox where published_at is null`),
      );
      expect(rows[0].n).toBe(20);

      await server.start();
      await until(async () => (await r.pending()) === 0, 20_000, 'delivery after NATS returned');
      const received = await readStream(server.url);
      const got = new Set(received.map((m) => m.event.id));
      for (const id of ids) expect(got.has(id), id).toBe(true);
      // Nothing was published twice into the stream (Nats-Msg-Id de-duplication + ack-before-mark).
      expect(received.length).toBe(new Set(received.map((m) => m.event.id)).size);
      await r.stop();
    }, 60_000);

    it('lets two relays share one outbox without sending a row twice', async () => {
      const before = (await readStream(server.url)).length;
      const ids = await addEvents(db, 'tenant-3', 60, 'pair');
      const second = await handle.open({ events: naming });
      const a = relay({ batchSize: 7 });
      const b = startOutboxRelay({
        db: second,
        natsUrl: server.url,
        naming,
        pollIntervalMs: 50,
        batchSize: 7,
      });
      try {
        await until(async () => (await a.pending()) === 0, 20_000, 'both relays to drain the outbox');
        expect(a.status().published + b.status().published).toBe(60);
      } finally {
        await a.stop();
        await b.stop();
        await second.close();
      }
      const received = await readStream(server.url);
      expect(received.length - before).toBe(60);
      expect(new Set(received.slice(before).map((m) => m.event.id))).toEqual(new Set(ids));
    }, 60_000);

    it('publishes right after a commit that wrote outbox rows, without waiting for its poll', async () => {
      const r = relay({ pollIntervalMs: 600_000 });
      await until(
        async () => r.status().connected && (await r.pending()) === 0,
        15_000,
        'the relay to settle',
      );
      const before = r.status().published;
      await addEvents(db, 'tenant-5', 1, 'wake');
      await until(async () => r.status().published === before + 1, 10_000, 'the commit to wake the relay');
      await r.stop();
    }, 30_000);

    it('lets a consumer apply each published event once with the inbox, even when redelivered', async () => {
      const ids = await addEvents(db, 'tenant-4', 5, 'inbox');
      const r = relay();
      await until(async () => (await r.pending()) === 0, 15_000, 'the outbox to drain');
      await r.stop();
      const nc = await connect({ servers: server.url, reconnect: false });
      const results: boolean[] = [];
      try {
        const jsm = await jetstreamManager(nc);
        const info = await jsm.streams.info(stream);
        for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
          const m = await jsm.streams.getMessage(stream, { seq });
          if (!m) continue;
          const event = parseCloudEvent(m.data);
          if (!ids.includes(event.id)) continue;
          // At-least-once: every message arrives twice here.
          for (let delivery = 0; delivery < 2; delivery++) {
            const outcome = await consumeEvent(
              db,
              event,
              async (tx, e) => {
                await tx.query('insert into notes (id, tenant_id, body) values ($1, $2, $3)', [
                  `applied-${e.id}`,
                  tx.tenantId,
                  String((e as { subject?: string }).subject),
                ]);
              },
              { consumer: 'note-projector' },
            );
            results.push(outcome.duplicate);
          }
        }
      } finally {
        await nc.close();
      }
      expect(results).toEqual([false, true, false, true, false, true, false, true, false, true]);
      const { rows } = await db.tenantTx('tenant-4', (tx) =>
        tx.query<{ n: number }>(`select count(*)::int as n from notes where id like 'applied-%'`),
      );
      expect(rows[0].n).toBe(5);
      expect(() => parseCloudEvent('{"id":"x"}')).toThrow();
      expect(() => parseCloudEvent('not json')).toThrow('not a CloudEvent');
    }, 30_000);

    it('validates its options with a message naming the option', () => {
      expect(() => startOutboxRelay({ db, natsUrl: 'http://x', naming })).toThrow('option "natsUrl"');
      expect(() => startOutboxRelay({ db, natsUrl: server.url, naming: { org: '', service: 'x' } })).toThrow(
        'option "naming"',
      );
    });
  },
  [{ source: 'service', dir: NOTES_MIGRATIONS }],
);
