import { describe, expect, it } from 'vitest';
import type { Database, Queryable } from '../data/types.js';
import { createPruner, PRUNE_INTERVAL_MS } from './prune.js';

function recordingDb(): { db: Pick<Database, 'maintenanceTx'>; statements: string[] } {
  const statements: string[] = [];
  const tx = {
    query: async (sql: string) => {
      statements.push(sql.replace(/\s+/g, ' ').trim());
      return { rows: [], rowCount: 0 };
    },
  } as unknown as Queryable;
  return { db: { maintenanceTx: (fn) => fn(tx) }, statements };
}

describe('createPruner', () => {
  it('prunes published outbox rows and consumed inbox ids at once, then at most once per interval', async () => {
    const { db, statements } = recordingDb();
    let now = 1_000_000_000;
    const prune = createPruner(db, 60_000, () => now);
    await prune();
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatch(/^delete from shipshape_outbox where published_at is not null/);
    expect(statements[1]).toMatch(/^delete from shipshape_inbox where consumed_at </);
    now += PRUNE_INTERVAL_MS - 1;
    await prune();
    expect(statements).toHaveLength(2);
    now += 1;
    await prune();
    expect(statements).toHaveLength(4);
  });
  it('never deletes pending or dead-lettered rows', async () => {
    const { db, statements } = recordingDb();
    await createPruner(db, 60_000)();
    expect(statements[0]).toContain('published_at is not null');
    expect(statements.join(' ')).not.toMatch(/dead_at/);
  });
  it('keeps everything with a retention of 0', async () => {
    const { db, statements } = recordingDb();
    await createPruner(db, 0)();
    expect(statements).toEqual([]);
  });
});
