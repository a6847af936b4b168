import { describe, expect, it } from 'vitest';
import type { Database, Queryable } from '../data/types.js';
import { deadLetter, isTransportError, retryDelay, scheduleRetry } from './attempts.js';
import type { OutboxRow } from './cloudevent.js';

/** A database that records the statements of each maintenance transaction. */
function recordingDb(): {
  db: Pick<Database, 'maintenanceTx'>;
  calls: { sql: string; params?: unknown[] }[];
} {
  const calls: { sql: string; params?: unknown[] }[] = [];
  const tx = {
    query: async (sql: string, params?: unknown[]) => {
      calls.push({ sql, params });
      return { rows: [], rowCount: 0 };
    },
  } as unknown as Queryable;
  return { db: { maintenanceTx: (fn) => fn(tx) }, calls };
}

const row = { seq: 7, id: 'e-1', type: 'acme.orders.order.created.v1', tenant_id: 't-1' } as OutboxRow;

describe('isTransportError', () => {
  it('tells "the broker is away" from "this event was refused"', () => {
    for (const m of ['TIMEOUT', 'request timed out', '503 no responders', 'connection closed', 'disconnect'])
      expect(isTransportError(new Error(m)), m).toBe(true);
    for (const m of ['maximum payload exceeded', 'stream not found', 'permissions violation'])
      expect(isTransportError(new Error(m)), m).toBe(false);
    expect(isTransportError(undefined)).toBe(false);
  });
});

describe('retryDelay', () => {
  it('doubles per attempt from initialMs and stops at maxMs', () => {
    const b = { initialMs: 100, maxMs: 1_000 };
    expect([1, 2, 3, 4, 5, 6].map((a) => retryDelay(a, b))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });
});

describe('attempt bookkeeping', () => {
  it('a retry counts the attempt, keeps at most 500 characters of the error and sets the next attempt', async () => {
    const { db, calls } = recordingDb();
    await scheduleRetry(db, row, { attempts: 3, error: 'x'.repeat(600), delayMs: 400 });
    expect(calls).toHaveLength(1);
    expect(calls[0].sql).toMatch(/attempts = \$2.*next_attempt_at = now\(\) \+ \$4/s);
    expect(calls[0].params).toEqual([7, 3, 'x'.repeat(500), 400]);
  });
  it('a dead letter sets dead_at, unclaims the row and logs at error level with the runbook', async () => {
    const { db, calls } = recordingDb();
    const logged: [object, string][] = [];
    const log = {
      info: () => undefined,
      warn: () => undefined,
      error: (o: object, m: string) => logged.push([o, m]),
    };
    await deadLetter(db, row, 10, 'refused', log);
    expect(calls[0].sql).toMatch(/dead_at = now\(\), claimed_until = null, claimed_by = null/);
    expect(calls[0].params).toEqual([7, 10, 'refused']);
    expect(logged).toEqual([
      [
        {
          eventId: 'e-1',
          type: row.type,
          tenant: 't-1',
          attempts: 10,
          reason: 'refused',
          runbook: 'outbox-dead-letter',
        },
        'outbox event dead-lettered',
      ],
    ]);
  });
});
