import type { Database } from '../data/types.js';
import { defaultStreamName } from './cloudevent.js';
import type { EventNaming } from './writer.js';

export interface OutboxRelayLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface OutboxRelayOptions {
  db: Database;
  /** NATS_URL, e.g. nats://127.0.0.1:4222. */
  natsUrl: string;
  naming: EventNaming;
  /** JetStream stream capturing `<org>.<svc>.>`; default `<ORG>_<SVC>`. Created when missing. */
  streamName?: string;
  /** Rows claimed per round (default 100). */
  batchSize?: number;
  /** Pause between rounds when nothing is pending (default 250 ms). */
  pollIntervalMs?: number;
  /** How long a claimed row stays reserved for this relay (default 30 s); a crashed relay's rows free up after it. */
  claimMs?: number;
  /** Wait for a JetStream ack (default 5 s). */
  publishTimeoutMs?: number;
  /** Backoff after a failure: doubles from initialMs up to maxMs, with jitter (default 200 ms → 5 s). */
  backoff?: { initialMs?: number; maxMs?: number };
  /** Published rows and consumed inbox ids older than this are deleted (default 7 days); 0 keeps them. */
  retentionMs?: number;
  /** Largest serialised event published (default 1 000 000 bytes, under NATS' default max_payload of 1 MiB). */
  maxEventBytes?: number;
  /** Publish attempts of one event before it is dead-lettered (default 10). */
  maxAttempts?: number;
  /** Limits of the stream when the relay creates it (defaults: 7 days, 1 GiB, 1 replica). */
  streamLimits?: { maxAgeMs?: number; maxBytes?: number; replicas?: number };
  logger?: OutboxRelayLogger;
}

export interface OutboxRelayStatus {
  connected: boolean;
  published: number;
  failures: number;
  /** Events this relay dead-lettered since it started. */
  deadLettered: number;
  lastError?: string;
}

export interface OutboxRelay {
  /** Rows not yet acknowledged by JetStream and not dead-lettered (every tenant). */
  pending(): Promise<number>;
  /** Rows given up on (size limit or maxAttempts), every tenant: each needs an operator (see the runbook). */
  deadLettered(): Promise<number>;
  /** Age in seconds of the oldest pending row; 0 when nothing waits. */
  oldestPendingSeconds(): Promise<number>;
  status(): OutboxRelayStatus;
  /** Runs a round now instead of waiting for the next poll. */
  wake(): void;
  /** Stops after the current round and closes the NATS connection; unpublished rows stay in the outbox. */
  stop(): Promise<void>;
}

/** The relay's options with every default applied and checked. */
export interface ResolvedRelayOptions {
  streamName: string;
  batchSize: number;
  pollIntervalMs: number;
  claimMs: number;
  publishTimeoutMs: number;
  backoff: { initialMs: number; maxMs: number };
  retentionMs: number;
  maxEventBytes: number;
  maxAttempts: number;
  streamLimits: { maxAgeMs: number; maxBytes: number; replicas: number };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Checks the options startOutboxRelay is given and fills in the defaults; a bad value throws a TypeError. */
export function resolveRelayOptions(options: OutboxRelayOptions): ResolvedRelayOptions {
  const { db, naming } = options;
  if (!db || typeof db.maintenanceTx !== 'function')
    throw new TypeError('startOutboxRelay: option "db" must be a Database');
  if (typeof options.natsUrl !== 'string' || !/^(nats|tls):\/\//.test(options.natsUrl)) {
    throw new TypeError('startOutboxRelay: option "natsUrl" must be a nats:// or tls:// URL');
  }
  if (!naming?.org || !naming.service)
    throw new TypeError('startOutboxRelay: option "naming" needs org and service');
  const resolved: ResolvedRelayOptions = {
    streamName: options.streamName ?? defaultStreamName(naming),
    batchSize: options.batchSize ?? 100,
    pollIntervalMs: options.pollIntervalMs ?? 250,
    claimMs: options.claimMs ?? 30_000,
    publishTimeoutMs: options.publishTimeoutMs ?? 5_000,
    backoff: { initialMs: options.backoff?.initialMs ?? 200, maxMs: options.backoff?.maxMs ?? 5_000 },
    retentionMs: options.retentionMs ?? 7 * DAY_MS,
    maxEventBytes: options.maxEventBytes ?? 1_000_000,
    maxAttempts: options.maxAttempts ?? 10,
    streamLimits: {
      maxAgeMs: options.streamLimits?.maxAgeMs ?? 7 * DAY_MS,
      maxBytes: options.streamLimits?.maxBytes ?? 1024 ** 3,
      replicas: options.streamLimits?.replicas ?? 1,
    },
  };
  const { maxEventBytes, maxAttempts, streamLimits: limits } = resolved;
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
  return resolved;
}
