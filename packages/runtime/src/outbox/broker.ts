/**
 * The relay's side of NATS: one connection (reconnecting forever), the JetStream stream created with explicit
 * limits when missing, and the publish of one CloudEvent with `Nats-Msg-Id` = event id (JetStream drops a
 * re-publish inside its duplicate window).
 */
import { JetStreamApiError, jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import type { OutboxRow } from './cloudevent.js';
import type { OutboxRelayLogger, ResolvedRelayOptions } from './options.js';
import type { EventNaming } from './writer.js';

export interface Broker {
  /** Connected right now (false while NATS is away and the client reconnects). */
  readonly connected: boolean;
  /** Connects on first use and makes sure the stream exists; false while the connection is down. */
  ready(): Promise<boolean>;
  publish(row: OutboxRow, payload: string): Promise<void>;
  /** After a transport failure: look the stream up again before the next publish. */
  forgetStream(): void;
  close(): Promise<void>;
}

export interface BrokerOptions extends Pick<
  ResolvedRelayOptions,
  'streamName' | 'streamLimits' | 'publishTimeoutMs'
> {
  natsUrl: string;
  naming: EventNaming;
  logger?: OutboxRelayLogger;
  /** Called when the connection comes back after a disconnect. */
  onReconnect(): void;
}

export function createBroker(options: BrokerOptions): Broker {
  const { naming, streamName, streamLimits: limits, publishTimeoutMs, logger: log } = options;
  let nc: NatsConnection | undefined;
  let js: JetStreamClient | undefined;
  let connected = false;
  let streamReady = false;

  async function ensureConnection(): Promise<boolean> {
    if (nc && !nc.isClosed()) return connected;
    nc = await connect({
      servers: options.natsUrl,
      name: `${naming.org}.${naming.service}.outbox-relay`,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      timeout: 2_000,
    });
    js = jetstream(nc);
    streamReady = false;
    connected = true;
    const conn = nc;
    void (async () => {
      for await (const s of conn.status()) {
        if (s.type === 'disconnect') connected = false;
        if (s.type === 'reconnect') {
          connected = true;
          options.onReconnect();
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

  return {
    get connected() {
      return connected;
    },
    async ready() {
      if (!(await ensureConnection())) return false;
      await ensureStream();
      return true;
    },
    async publish(row, payload) {
      const h = headers();
      h.set('content-type', 'application/cloudevents+json; charset=utf-8');
      await (js as JetStreamClient).publish(row.type, payload, {
        msgID: row.id,
        headers: h,
        timeout: publishTimeoutMs,
      });
    },
    forgetStream() {
      streamReady = false;
    },
    async close() {
      const conn = nc;
      nc = undefined;
      connected = false;
      if (conn && !conn.isClosed()) await conn.close().catch(() => undefined);
    },
  };
}
