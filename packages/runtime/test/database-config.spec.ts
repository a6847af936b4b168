import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, embeddedDataDir } from '../src/data/database.js';
import { DatabaseConfigError } from '../src/data/errors.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('createDatabase', () => {
  it('refuses unsupported URLs with one line naming DATABASE_URL and hiding credentials', async () => {
    const err = await createDatabase({ url: 'mysql://root:hunter2@db/x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseConfigError);
    expect((err as Error).message).toBe(
      'DATABASE_URL: unsupported scheme in "mysql://***@db/x" (use postgres://, postgresql://, memory:// or file://)',
    );
    expect((err as Error).message).not.toContain('hunter2');
    await expect(createDatabase({})).rejects.toThrow(
      'option "serviceDir" is required when DATABASE_URL is unset',
    );
  });

  it('does not connect at creation: a postgres URL yields a pool that fails on use with a 503 error', async () => {
    const db = await createDatabase({
      url: 'postgres://nobody@127.0.0.1:1/none',
      pool: { connectionTimeoutMs: 500 },
    });
    expect(db.kind).toBe('postgres');
    expect(db.description).toBe('postgres 127.0.0.1:1/none');
    const err = await db.ping(1_000).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'DatabaseUnavailableError', statusCode: 503 });
    await db.close();
  });

  it('keeps the embedded database in <serviceDir>/.data/pglite across restarts (and file:// likewise); queues transactions', async () => {
    const serviceDir = await mkdtemp(join(tmpdir(), 'shipshape-svc-'));
    dirs.push(serviceDir);
    const first = await createDatabase({ serviceDir });
    expect(first.kind).toBe('pglite');
    expect(first.description).toBe(`pglite ${embeddedDataDir(serviceDir)}`);
    await first.exec(`create table kept (subject text); insert into kept values ('o1')`);
    await first.close();
    expect(existsSync(join(serviceDir, '.data', 'pglite', 'PG_VERSION'))).toBe(true);

    const again = await createDatabase({ url: pathToFileURL(embeddedDataDir(serviceDir)).href });
    const { rows } = await again.query<{ subject: string }>('select subject from kept');
    expect(rows).toEqual([{ subject: 'o1' }]);
    // Statements outside the open transaction would deadlock on PGlite: refused with a clear error.
    await expect(again.tx(async () => again.query('select 1'))).rejects.toThrow(
      'db.query called inside a transaction on PGlite would deadlock',
    );
    // Concurrent transactions queue rather than interleave: each sees only its own uncommitted row.
    await again.exec('create table q (tx int, n int)');
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        again.tx(async (tx) => {
          await tx.query('insert into q values ($1, 1)', [i]);
          await new Promise((r) => setTimeout(r, 2));
          const { rows } = await tx.query<{ n: number }>('select count(*)::int as n from q where tx <> $1', [
            i,
          ]);
          await tx.query('insert into q values ($1, $2)', [i, rows[0].n + 100]);
        }),
      ),
    );
    const distinct = await again.query<{ n: number }>(
      'select count(distinct n)::int as n from q where n >= 100',
    );
    expect(distinct.rows[0].n).toBe(20);
    expect(again.stats()).toEqual({ total: 1, idle: 1, waiting: 0 });
    // Closed handles answer with a 503-class error instead of hanging.
    await again.close();
    await expect(again.query('select 1')).rejects.toMatchObject({ statusCode: 503 });
  }, 60_000);
});
