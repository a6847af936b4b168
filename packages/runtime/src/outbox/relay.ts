import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { deadLetter, isTransportError, markPublished, retryDelay, scheduleRetry } from './attempts.js';
import { createBroker } from './broker.js';
import { claimBatch, releaseClaims } from './claim.js';
import { toCloudEvent, type OutboxRow } from './cloudevent.js';
import {
  resolveRelayOptions,
  type OutboxRelay,
  type OutboxRelayOptions,
  type OutboxRelayStatus,
} from './options.js';
import { createPruner } from './prune.js';
import { sleep, wakeUp, type Waker } from './waker.js';

const PENDING = 'published_at is null and dead_at is null';

type Outcome = 'idle' | 'busy' | 'failed';

/**
 * Publishes outbox rows to NATS JetStream as CloudEvents, at least once:
 * 1. claim a batch (claim.ts): concurrent relays never claim the same row, events of one subject go out in order;
 * 2. publish each row to the subject `<org>.<svc>.<entity>.<verb>.v<N>` with `Nats-Msg-Id` = event id
 *    (broker.ts; JetStream drops a re-publish inside its duplicate window);
 * 3. mark the row published only after JetStream's ack; a refused row gets its own attempt and backoff and is
 *    dead-lettered after maxAttempts, a row over maxEventBytes at once (attempts.ts).
 * While NATS or the database is down, rows stay pending and the relay retries with capped exponential
 * backoff; a relay that dies mid-batch leaves claims that expire after claimMs. Old published rows and inbox
 * ids are pruned (prune.ts).
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { db, naming } = options;
  const o = resolveRelayOptions(options);
  const { batchSize, claimMs, maxEventBytes, maxAttempts, backoff } = o;
  const log = options.logger;
  const relayId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;

  const state: Omit<OutboxRelayStatus, 'connected'> = { published: 0, failures: 0, deadLettered: 0 };
  const signal: Waker = { pending: false };
  const broker = createBroker({
    natsUrl: options.natsUrl,
    naming,
    streamName: o.streamName,
    streamLimits: o.streamLimits,
    publishTimeoutMs: o.publishTimeoutMs,
    logger: log,
    onReconnect: () => wakeUp(signal),
  });
  const prune = createPruner(db, o.retentionMs);
  let stopped = false;
  let backoffMs = 0;

  const nextBackoff = (): number => {
    backoffMs = backoffMs === 0 ? backoff.initialMs : Math.min(backoff.maxMs, backoffMs * 2);
    return Math.round(backoffMs * (0.75 + Math.random() * 0.5));
  };

  const giveUp = async (row: OutboxRow, attempts: number, reason: string): Promise<void> => {
    await deadLetter(db, row, attempts, reason, log);
    state.deadLettered++;
  };

  async function round(): Promise<Outcome> {
    if (!(await broker.ready())) return 'failed';
    const rows = await claimBatch(db, { batchSize, claimMs, relayId });
    if (rows.length === 0) return 'idle';
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const payload = JSON.stringify(toCloudEvent(row));
      const size = Buffer.byteLength(payload);
      if (size > maxEventBytes) {
        await giveUp(row, row.attempts, `event of ${size} bytes exceeds the limit of ${maxEventBytes} bytes`);
        continue;
      }
      try {
        await broker.publish(row, payload);
      } catch (err) {
        const message = (err as Error).message;
        state.failures++;
        state.lastError = message;
        if (!broker.connected || isTransportError(err)) {
          // The broker is away: this row and the rest of the batch wait, in order, without using an attempt.
          broker.forgetStream();
          await releaseClaims(db, rows.slice(i), relayId);
          log?.warn({ err, eventId: row.id, type: row.type }, 'outbox publish failed; will retry');
          return 'failed';
        }
        // This event was refused: its own attempt and backoff; the others go on.
        const attempts = row.attempts + 1;
        if (attempts >= maxAttempts) {
          await giveUp(row, attempts, message);
        } else {
          await scheduleRetry(db, row, { attempts, error: message, delayMs: retryDelay(attempts, backoff) });
          log?.warn(
            { err, eventId: row.id, type: row.type, attempts },
            'outbox event refused; will retry it',
          );
        }
        continue;
      }
      await markPublished(db, row);
      state.published++;
    }
    return rows.length === batchSize ? 'busy' : 'idle';
  }

  // Publish right after a local commit wrote outbox rows instead of at the next poll.
  const unsubscribe = db.onOutboxCommit(() => {
    // While backing off after a failure, commits do not cut the backoff short.
    if (backoffMs === 0) wakeUp(signal);
  });

  const loop = (async () => {
    while (!stopped) {
      let outcome: Outcome;
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
        await sleep(o.pollIntervalMs, signal);
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
    status: () => ({ connected: broker.connected, ...state }),
    wake: () => wakeUp(signal),
    async stop(): Promise<void> {
      stopped = true;
      unsubscribe();
      wakeUp(signal);
      await loop;
      await broker.close();
    },
  };
}
