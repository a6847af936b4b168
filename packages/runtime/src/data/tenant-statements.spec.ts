import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backends,
  migrate,
  NOTES_MIGRATIONS,
  title,
  type BackendHandle,
} from '../../test/support/backends.js';
import { inlineParams, sqlLiteral } from './tenant-tx.js';
import { TenantKey } from './tenant-key.js';
import type { Database } from './types.js';

describe('inlineParams', () => {
  it('inlines every placeholder as a literal, $10 not read as $1', () => {
    const params = ['a', 2, null, true, Buffer.from([0, 255]), -3, 7n, 'x', 'y', "o'neil"];
    expect(inlineParams('select $1, $2, $3, $4, $5, $6, $7, $10', params)).toBe(
      "select 'a', (2), NULL, true, decode('00ff', 'hex'), (-3), (7), 'o''neil'",
    );
    expect(sqlLiteral('back\\slash')).toBe(" E'back\\\\slash'");
  });

  it('refuses a missing value and what it cannot write as a literal', () => {
    expect(() => inlineParams('select $2', ['a'])).toThrow('no value for $2');
    expect(() => inlineParams('select $0', ['a'])).toThrow('no value for $0');
    expect(() => sqlLiteral(Number.NaN)).toThrow('not a finite number');
    expect(() => sqlLiteral({ a: 1 })).toThrow('unsupported parameter type object');
  });
});

describe.each(backends())('db.tenantStatements on $name', (backend) => {
  describe.skipIf(backend.skip !== undefined)(title(backend), () => {
    let handle: BackendHandle;
    let db: Database;

    beforeAll(async () => {
      handle = await backend.setup();
      // One connection: what the statements leave behind would be seen by the next query.
      db = await handle.open({ pool: { max: 1, connectionTimeoutMs: 60_000 } });
      await migrate(db, [{ source: 'service', dir: NOTES_MIGRATIONS }]);
      await db.tenantTx('ts-a', (tx) => tx.query(`insert into notes values ('ts-a1', 'ts-a', 'a one')`));
      await db.tenantTx('ts-b', (tx) => tx.query(`insert into notes values ('ts-b1', 'ts-b', 'b one')`));
    }, 120_000);
    afterAll(async () => {
      await db?.close();
      await handle?.cleanup();
    });

    it('runs as the app role with the tenant set, RLS applying, one result per statement', async () => {
      const [who, mine, updated] = await db.tenantStatements({ id: 'ts-a' }, [
        { sql: `select current_user as role, current_setting('app.tenant_id') as tenant` },
        { sql: `select id from notes where id like 'ts-%' order by id` },
        { sql: `update notes set body = $1 where id like 'ts-%'`, params: ['a edited'] },
      ]);
      expect(who.rows).toEqual([{ role: 'shipshape_app', tenant: 'ts-a' }]);
      expect(mine.rows).toEqual([{ id: 'ts-a1' }]);
      expect(updated.rowCount).toBe(1);
      const b = await db.tenantTx('ts-b', (tx) => tx.query(`select body from notes where id = 'ts-b1'`));
      expect(b.rows).toEqual([{ body: 'b one' }]);
      await expect(
        db.tenantStatements('ts-a', [{ sql: `insert into notes values ('ts-x', 'ts-b', 'forged')` }]),
      ).rejects.toThrow(/row-level security/);
    });

    it('leaves nothing on the connection afterwards, after success and after an error', async () => {
      await db.tenantStatements('ts-a', [{ sql: 'select 1' }]);
      await db.tenantStatements('ts-a', [{ sql: 'select 1/0' }]).catch(() => undefined);
      const { rows } = await db.query<{ role: string; tenant: string | null }>(
        `select current_user as role, current_setting('app.tenant_id', true) as tenant`,
      );
      expect(rows[0].role).not.toBe('shipshape_app');
      expect(rows[0].tenant ?? '').toBe('');
    });

    it('is atomic: a failing statement rolls back the ones before it', async () => {
      await expect(
        db.tenantStatements('ts-a', [
          { sql: `insert into notes values ('ts-a2', 'ts-a', 'two')` },
          { sql: `insert into notes values ('ts-a1', 'ts-a', 'duplicate key')` },
        ]),
      ).rejects.toThrow(/duplicate key/);
      const { rows } = await db.tenantTx('ts-a', (tx) => tx.query(`select id from notes where id = 'ts-a2'`));
      expect(rows).toEqual([]);
    });

    it('passes values through as data, never as SQL, and returns them typed', async () => {
      const tricky = ["o'neil", 'back\\slash', "'); drop table notes; --", 'ünïcødé $1 $$ $q$'];
      for (const [i, body] of tricky.entries()) {
        const [inserted] = await db.tenantStatements('ts-b', [
          { sql: 'insert into notes values ($1, $2, $3) returning body', params: [`ts-t${i}`, 'ts-b', body] },
        ]);
        expect(inserted.rows).toEqual([{ body }]);
      }
      const bytes = Buffer.from([0, 1, 2, 250, 255]);
      const [typed] = await db.tenantStatements("ten'ant", [
        {
          sql: `select $1::bytea as b, $2::jsonb as j, $3::int as n, $4::text as z, current_setting('app.tenant_id') as t`,
          params: [bytes, JSON.stringify({ 'content-type': "it's" }), 42, null],
        },
      ]);
      const row = typed.rows[0] as { b: Uint8Array; j: unknown; n: number; z: null; t: string };
      expect(Buffer.from(row.b).equals(bytes)).toBe(true);
      expect(row).toMatchObject({ j: { 'content-type': "it's" }, n: 42, z: null, t: "ten'ant" });
      await expect(db.tenantStatements('bad\u0000id', [{ sql: 'select 1' }])).rejects.toThrow(
        'without control characters',
      );
      expect(await db.tenantStatements('ts-a', [])).toEqual([]);
    });
  });
});

describe.each(backends())('a tenant transaction whose setup fails, on $name', (backend) => {
  describe.skipIf(backend.skip !== undefined)(title(backend), () => {
    let handle: BackendHandle;
    let db: Database;

    beforeAll(async () => {
      handle = await backend.setup();
      // No migrations: the app role does not exist, so the setup statement after BEGIN fails.
      db = await handle.open({ pool: { max: 1, connectionTimeoutMs: 60_000 } });
    }, 120_000);
    afterAll(async () => {
      await db?.close();
      await handle?.cleanup();
    });

    it('says the runtime migrations are missing when there is no tenant key to sign with', async () => {
      await expect(db.tenantTx('t1', async () => 1)).rejects.toThrow(
        /shipshape_tenant_key does not exist: apply the runtime migrations/,
      );
    });

    it('reports the setup error, not the aborted statement behind it, and the connection stays usable', async () => {
      db.useTenantKey(new TenantKey(new Uint8Array(32)));
      let ran = false;
      await expect(
        db.tenantTx('t1', async (tx) => {
          ran = true;
          return tx.query('select 1 as one');
        }),
      ).rejects.toThrow(/role "shipshape_app" does not exist/);
      if (backend.name === 'postgres') expect(ran).toBe(true); // pipelined: fn's statement was already sent
      await expect(db.tenantStatements('t1', [{ sql: 'select 1' }])).rejects.toThrow(
        /role "shipshape_app" does not exist/,
      );
      const { rows } = await db.query<{ one: number; tx: string }>(
        `select 1 as one, current_setting('transaction_isolation') as tx`,
      );
      expect(rows).toEqual([{ one: 1, tx: 'read committed' }]);
      await db.exec('begin; commit'); // not stuck inside an aborted transaction
    });
  });
});
