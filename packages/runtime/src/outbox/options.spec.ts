import { describe, expect, it } from 'vitest';
import type { Database } from '../data/types.js';
import { resolveRelayOptions } from './options.js';

const db = { maintenanceTx: async () => undefined } as unknown as Database;
const base = { db, natsUrl: 'nats://127.0.0.1:4222', naming: { org: 'acme', service: 'orders' } };

describe('resolveRelayOptions', () => {
  it('fills the documented defaults, the stream named after org and service', () => {
    expect(resolveRelayOptions(base)).toEqual({
      streamName: 'ACME_ORDERS',
      batchSize: 100,
      pollIntervalMs: 250,
      claimMs: 30_000,
      publishTimeoutMs: 5_000,
      backoff: { initialMs: 200, maxMs: 5_000 },
      retentionMs: 7 * 24 * 3600 * 1000,
      maxEventBytes: 1_000_000,
      maxAttempts: 10,
      streamLimits: { maxAgeMs: 7 * 24 * 3600 * 1000, maxBytes: 1024 ** 3, replicas: 1 },
    });
  });
  it('keeps what the caller set, partial backoff and limits included', () => {
    const o = resolveRelayOptions({
      ...base,
      streamName: 'EVENTS',
      backoff: { maxMs: 60 },
      streamLimits: { replicas: 3 },
      retentionMs: 0,
    });
    expect(o.streamName).toBe('EVENTS');
    expect(o.backoff).toEqual({ initialMs: 200, maxMs: 60 });
    expect(o.streamLimits).toEqual({ maxAgeMs: 7 * 24 * 3600 * 1000, maxBytes: 1024 ** 3, replicas: 3 });
    expect(o.retentionMs).toBe(0);
  });
  it('refuses a missing database, a non-NATS URL, incomplete naming and non-positive limits', () => {
    expect(() => resolveRelayOptions({ ...base, db: undefined as unknown as Database })).toThrow(/"db"/);
    expect(() => resolveRelayOptions({ ...base, natsUrl: 'http://x:4222' })).toThrow(/"natsUrl"/);
    expect(() => resolveRelayOptions({ ...base, naming: { org: 'acme', service: '' } })).toThrow(/"naming"/);
    expect(() => resolveRelayOptions({ ...base, maxAttempts: 0 })).toThrow(
      /"maxAttempts" must be a positive/,
    );
    expect(() => resolveRelayOptions({ ...base, maxEventBytes: 1.5 })).toThrow(/"maxEventBytes"/);
    expect(() => resolveRelayOptions({ ...base, streamLimits: { replicas: -1 } })).toThrow(
      /"streamLimits.replicas"/,
    );
  });
});
