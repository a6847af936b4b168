import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { JetStreamApiError, jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import { defaultStreamName, toCloudEvent, type OutboxRow } from './cloudevent.js';
import { sleep, wakeUp, type Waker } from './waker.js';
import type { OutboxRelay, OutboxRelayOptions, OutboxRelayStatus } from './options.js';

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

const PENDING = 'published_at is null and dead_at is null';

/** Errors that say "the broker is away", not "this event is bad": they never count as an event's attempt. */
function isTransportError(err: unknown): boolean {
  const message = (err as Error)?.message ?? '';
  return /timeout|timed out|no responders|closed|disconnect|connection|reconnect/i.test(message);
}

/**
 * Publishes outbox rows to NATS JetStream as CloudEvents, at least once:
 * 1. claim a batch (UPDATE … WHERE seq IN (SELECT … FOR UPDATE SKIP LOCKED)) in a short maintenance
 *    transaction, so concurrent relays never claim the same row and no transaction stays open during I/O;
 * 2. publish each row to the subject `<org>.<svc>.<entity>.<verb>.v<N>` with `Nats-Msg-Id` = event id
 *    (JetStream drops a re-publish inside its duplicate window);
 * 3. mark the row published only after JetStream's ack.
 * While NATS or the database is down, rows stay pending and the relay retries with capped exponential
 * backoff; a relay that dies mid-batch leaves claims that expire after claimMs.
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { db, naming } = options;
  if (!db || typeof db.maintenanceTx !== 'function')
    throw new TypeError('startOutboxRelay: option "db" must be a Database');
  if (typeof options.natsUrl !== 'string' || !/^(nats|tls):\/\//.test(options.natsUrl)) {
    throw new TypeError('startOutboxRelay: option "natsUrl" must be a nats:// or tls:// URL');
  }
  if (!naming?.org || !naming.service)
    throw new TypeError('startOutboxRelay: option "naming" needs org and service');
  const streamName = options.streamName ?? defaultStreamName(naming);
  const batchSize = options.batchSize ?? 100;
  const pollIntervalMs = options.pollIntervalMs ?? 250;
  const claimMs = options.claimMs ?? 30_000;
  const publishTimeoutMs = options.publishTimeoutMs ?? 5_000;
  const initialBackoff = options.backoff?.initialMs ?? 200;
  const maxBackoff = options.backoff?.maxMs ?? 5_000;
  const retentionMs = options.retentionMs ?? 7 * 24 * 60 * 60 * 1000;
  const maxEventBytes = options.maxEventBytes ?? 1_000_000;
  const maxAttempts = options.maxAttempts ?? 10;
  const limits = {
    maxAgeMs: options.streamLimits?.maxAgeMs ?? 7 * 24 * 60 * 60 * 1000,
    maxBytes: options.streamLimits?.maxBytes ?? 1024 ** 3,
    replicas: options.streamLimits?.replicas ?? 1,
  };
  for (const [name, value] of [
    ['maxEventBytes', maxEventBytes],
    ['maxAttempts', maxAttempts],
    ['streamLimits.maxAgeMs', limits.maxAgeMs],
    ['streamLimits.maxBytes', limits.maxBytes],
    ['streamLimits.replicas', limits.replicas],
  ] as const) {
    if (!Number.isInteger(value) || value < 1)
      throw new TypeError(`startOutboxRelay: option "${name}" must be a positive integer`);
  }
  const log = options.logger;
  const relayId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;

  const state: OutboxRelayStatus = { connected: false, published: 0, failures: 0, deadLettered: 0 };
  const signal: Waker = { pending: false };
  let stopped = false;
  let nc: NatsConnection | undefined;
  let js: JetStreamClient | undefined;
  let streamReady = false;
  let backoffMs = 0;
  let lastPrune = 0;

  const nextBackoff = (): number => {
    backoffMs = backoffMs === 0 ? initialBackoff : Math.min(maxBackoff, backoffMs * 2);
    return Math.round(backoffMs * (0.75 + Math.random() * 0.5));
  };

  async function ensureConnection(): Promise<boolean> {
    if (nc && !nc.isClosed()) return state.connected;
    nc = await connect({
      servers: options.natsUrl,
      name: `${naming.org}.${naming.service}.outbox-relay`,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      timeout: 2_000,
    });
    js = jetstream(nc);
    streamReady = false;
    state.connected = true;
    const conn = nc;
    void (async () => {
      for await (const s of conn.status()) {
        if (s.type === 'disconnect') state.connected = false;
        if (s.type === 'reconnect') {
          state.connected = true;
          wakeUp(signal);
        }
      }
    })().catch(() => undefined);
    log?.info({ server: conn.getServer() }, 'outbox relay connected to NATS');
    return true;
  }

  async function ensureStream(): Promise<void> {
    if (streamReady || !nc) return;
    const jsm = await jetstreamManager(nc, { timeout: publishTimeoutMs });
    try {
      await jsm.streams.info(streamName);
    } catch (err) {
      if (!(err instanceof JetStreamApiError && err.code === 10059)) throw err;
      try {
        // Explicit limits, never an unlimited stream: age, size and replicas from the relay's options, and a
        // duplicate window (Nats-Msg-Id de-duplication) longer than a relay's claim.
        await jsm.streams.add({
          name: streamName,
          subjects: [`${naming.org}.${naming.service}.>`],
          max_age: limits.maxAgeMs * 1_000_000,
          max_bytes: limits.maxBytes,
          num_replicas: limits.replicas,
          duplicate_window: 2 * 60 * 1_000_000_000,
        });
        log?.info({ stream: streamName }, 'outbox relay created the JetStream stream');
      } catch (addErr) {
        // Another relay created it first, or an operator's stream already captures these subjects.
        if (!/already in use|overlap/i.test((addErr as Error).message)) throw addErr;
      }
    }
    streamReady = true;
  }

  async function publish(row: OutboxRow, payload: string): Promise<void> {
    const h = headers();
    h.set('content-type', 'application/cloudevents+json; charset=utf-8');
    await (js as JetStreamClient).publish(row.type, payload, {
      msgID: row.id,
      headers: h,
      timeout: publishTimeoutMs,
    });
  }

  async function round(): Promise<'idle' | 'busy' | 'failed'> {
    if (!(await ensureConnection())) return 'failed';
    await ensureStream();
    const { rows } = await db.maintenanceTx((tx) =>
      tx.query<OutboxRow>(CLAIM_SQL, [batchSize, claimMs, relayId]),
    );
    if (rows.length === 0) return 'idle';
    rows.sort((a, b) => a.seq - b.seq);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const payload = JSON.stringify(toCloudEvent(row));
      const size = Buffer.byteLength(payload);
      if (size > maxEventBytes) {
        await giveUp(row, row.attempts, `event of ${size} bytes exceeds the limit of ${maxEventBytes} bytes`);
        continue;
      }
      try {
        await publish(row, payload);
      } catch (err) {
        const message = (err as Error).message;
        state.failures++;
        state.lastError = message;
        if (!state.connected || isTransportError(err)) {
          // The broker is away: this row and the rest of the batch wait, in order, without using an attempt.
          streamReady = false;
          await db.maintenanceTx((tx) =>
            tx.query(
              `update shipshape_outbox set claimed_until = null, claimed_by = null
                where seq = any($1::bigint[]) and claimed_by = $2`,
              [rows.slice(i).map((r) => r.seq), relayId],
            ),
          );
          log?.warn({ err, eventId: row.id, type: row.type }, 'outbox publish failed; will retry');
          return 'failed';
        }
        // This event was refused: its own attempt and backoff; the others go on.
        const attempts = row.attempts + 1;
        if (attempts >= maxAttempts) {
          await giveUp(row, attempts, message);
        } else {
          const delayMs = Math.min(maxBackoff, initialBackoff * 2 ** (attempts - 1));
          await db.maintenanceTx((tx) =>
            tx.query(
              `update shipshape_outbox set claimed_until = null, claimed_by = null, attempts = $2, last_error = $3,
                      next_attempt_at = now() + $4::int * interval '1 millisecond'
                where seq = $1`,
              [row.seq, attempts, message.slice(0, 500), delayMs],
            ),
          );
          log?.warn(
            { err, eventId: row.id, type: row.type, attempts },
            'outbox event refused; will retry it',
          );
        }
        continue;
      }
      await db.maintenanceTx((tx) =>
        tx.query(
          `update shipshape_outbox set published_at = now(), claimed_until = null, attempts = attempts + 1, last_error = null
            where seq = $1`,
          [row.seq],
        ),
      );
      state.published++;
    }
    return rows.length === batchSize ? 'busy' : 'idle';
  }

  /** Dead-letters one event: kept in the outbox with dead_at set, out of the way of the others. */
  async function giveUp(row: OutboxRow, attempts: number, reason: string): Promise<void> {
    await db.maintenanceTx((tx) =>
      tx.query(
        `update shipshape_outbox set dead_at = now(), claimed_until = null, claimed_by = null, attempts = $2,
                last_error = $3
          where seq = $1`,
        [row.seq, attempts, reason.slice(0, 500)],
      ),
    );
    state.deadLettered++;
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

  async function prune(): Promise<void> {
    if (retentionMs <= 0 || Date.now() - lastPrune < 10 * 60 * 1000) return;
    lastPrune = Date.now();
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
  }

  // Publish right after a local commit wrote outbox rows instead of at the next poll.
  const unsubscribe = db.onOutboxCommit(() => {
    // While backing off after a failure, commits do not cut the backoff short.
    if (backoffMs === 0) wakeUp(signal);
  });

  const loop = (async () => {
    while (!stopped) {
      let outcome: 'idle' | 'busy' | 'failed';
      try {
        outcome = await round();
        if (outcome !== 'failed') await prune();
      } catch (err) {
        state.failures++;
        state.lastError = (err as Error).message;
        log?.warn({ err }, 'outbox relay round failed; will retry');
        outcome = 'failed';
      }
      if (stopped) break;
      if (outcome === 'busy') {
        backoffMs = 0;
        continue;
      }
      if (outcome === 'idle') {
        backoffMs = 0;
        await sleep(pollIntervalMs, signal);
      } else {
        await sleep(nextBackoff(), signal);
      }
    }
  })();

  return {
    async pending(): Promise<number> {
      const { rows } = await db.maintenanceTx((tx) =>
        tx.query<{ n: number }>(`select count(*)::int as n from shipshape_outbox where ${PENDING}`),
      );
      return rows[0].n;
    },
    async deadLettered(): Promise<number> {
      const { rows } = await db.maintenanceTx((tx) =>
        tx.query<{ n: number }>('select count(*)::int as n from shipshape_outbox where dead_at is not null'),
      );
      return rows[0].n;
    },
    async oldestPendingSeconds(): Promise<number> {
      const { rows } = await db.maintenanceTx((tx) =>
        tx.query<{ s: number | null }>(
          `select extract(epoch from now() - min(created_at))::float8 as s from shipshape_outbox where ${PENDING}`,
        ),
      );
      return Math.max(0, rows[0].s ?? 0);
    },
    status: () => ({ ...state }),
    wake: () => wakeUp(signal),
    async stop(): Promise<void> {
      stopped = true;
      unsubscribe();
      wakeUp(signal);
      await loop;
      const conn = nc;
      nc = undefined;
      state.connected = false;
      if (conn && !conn.isClosed()) await conn.close().catch(() => undefined);
    },
  };
}
