import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FinishedTransactionError } from '../src/data/tenant-tx.js';
import type { Database, Tx } from '../src/data/types.js';
import { backends, migrate, title, type BackendHandle } from './support/backends.js';

const notes = {
  source: 'service',
  dir: fileURLToPath(new URL('./fixtures/notes-migrations/', import.meta.url)),
};
const events = { org: 'acme', service: 'orders' };

describe.each(backends())('data layer on $name', (backend) => {
  describe.skipIf(backend.skip !== undefined)(title(backend), () => {
    let handle: BackendHandle;
    let db: Database;

    beforeAll(async () => {
      handle = await backend.setup();
      db = await handle.open({ events, pool: { max: 5, connectionTimeoutMs: 60_000 } });
      await migrate(db, [notes]);
    }, 120_000);
    afterAll(async () => {
      await db?.close();
      await handle?.cleanup();
    });

    it('runs a tenant transaction as the app role with a transaction-local tenant id', async () => {
      const inside = await db.tenantTx({ id: 'tenant-a', subject: 'user-1' }, async (tx) => {
        expect(tx.tenantId).toBe('tenant-a');
        const { rows } = await tx.query<{ role: string; tenant: string }>(
          `select current_user as role, current_setting('app.tenant_id') as tenant`,
        );
        return rows[0];
      });
      expect(inside).toEqual({ role: 'shipshape_app', tenant: 'tenant-a' });

      // Nothing leaks onto the (pooled) connection afterwards.
      for (let i = 0; i < 6; i++) {
        const { rows } = await db.query<{ role: string; tenant: string | null }>(
          `select current_user as role, current_setting('app.tenant_id', true) as tenant`,
        );
        expect(rows[0].role).not.toBe('shipshape_app');
        expect(rows[0].tenant ?? '').toBe('');
      }
    });

    it('makes a Tx unusable once its transaction ended (no statement lands in the next transaction of that connection)', async () => {
      let stale: Tx | undefined;
      await db.tenantTx('stale-a', async (tx) => {
        stale = tx;
        await tx.query('select 1');
      });
      // Another tenant's transaction now holds a connection (on a pool of one it would be the same one).
      const seenInside = await db.tenantTx('stale-b', async (tx) => {
        const leaked = stale?.query(
          `insert into notes (id, tenant_id, body) values ('stale-1', 'stale-b', 'written by a stale Tx')`,
        );
        await expect(leaked).rejects.toThrow(FinishedTransactionError);
        await expect(
          stale?.outbox.add({ entity: 'note', verb: 'created', subject: 'x', data: {} }),
        ).rejects.toThrow(FinishedTransactionError);
        return (await tx.query<{ n: number }>(`select count(*)::int as n from notes where id = 'stale-1'`))
          .rows[0].n;
      });
      expect(seenInside).toBe(0);
      const after = await db.tenantTx('stale-b', (tx) =>
        tx.query<{ n: number }>(`select count(*)::int as n from notes where id = 'stale-1'`),
      );
      expect(after.rows[0].n).toBe(0);
    });

    it('passes any tenant id through as data, never as SQL', async () => {
      for (const id of ["o'neil", 'back\\slash', "'); drop table notes; --", 'ünïcødé', 'x'.repeat(200)]) {
        const seen = await db.tenantTx(id, (tx) =>
          tx.query<{ t: string }>(`select current_setting('app.tenant_id') as t`),
        );
        expect(seen.rows[0].t).toBe(id);
      }
      await expect(db.tenantTx('bad\u0000id', async () => 1)).rejects.toThrow('without control characters');
      await expect(db.tenantTx('', async () => 1)).rejects.toThrow('non-empty');
      await expect(db.tenantTx('x'.repeat(201), async () => 1)).rejects.toThrow('at most 200');
      const { rows } = await db.tenantTx('tenant-a', (tx) => tx.query(`select to_regclass('notes') as t`));
      expect(rows).toEqual([{ t: 'notes' }]);
    });

    it('isolates tenants with RLS even when a query forgets its tenant filter', async () => {
      await db.tenantTx('tenant-a', async (tx) => {
        await tx.query(`insert into notes (id, tenant_id, body) values ('a1', 'tenant-a', 'mine')`);
      });
      await db.tenantTx('tenant-b', async (tx) => {
        await tx.query(`insert into notes (id, tenant_id, body) values ('b1', 'tenant-b', 'theirs')`);
      });
      const seenByA = await db.tenantTx('tenant-a', (tx) =>
        tx.query<{ id: string }>('select id from notes order by id'),
      );
      expect(seenByA.rows).toEqual([{ id: 'a1' }]);
      const seenByB = await db.tenantTx('tenant-b', (tx) => tx.query<{ id: string }>('select id from notes'));
      expect(seenByB.rows).toEqual([{ id: 'b1' }]);

      // Writing another tenant's row is refused by the policy's WITH CHECK.
      await expect(
        db.tenantTx('tenant-a', (tx) =>
          tx.query(`insert into notes (id, tenant_id, body) values ('x', 'tenant-b', 'forged')`),
        ),
      ).rejects.toThrow(/row-level security/);
      // Updating or deleting another tenant's row touches nothing.
      const del = await db.tenantTx('tenant-a', (tx) => tx.query(`delete from notes where id = 'b1'`));
      expect(del.rowCount).toBe(0);
    });

    it('keeps a tenant transaction in its tenant when its SQL calls set_config to switch (tenant binding)', async () => {
      await db.tenantTx('bind-b', (tx) =>
        tx.query(`insert into notes (id, tenant_id, body) values ('bind-b1', 'bind-b', 'secret of b')`),
      );
      await db.tenantTx('bind-a', (tx) =>
        tx.query(`insert into notes (id, tenant_id, body) values ('bind-a1', 'bind-a', 'of a')`),
      );
      // What injected SQL would do: rebind the transaction to another tenant, on every runtime table too.
      const seen = await db.tenantTx('bind-a', async (tx) => {
        await tx.query(`select set_config('app.tenant_id', 'bind-b', true)`);
        return {
          notes: (await tx.query<{ id: string }>('select id from notes order by id')).rows,
          outbox: (await tx.query('select tenant_id from shipshape_outbox')).rows,
          current: (await tx.query<{ t: string | null }>('select shipshape_current_tenant() as t')).rows[0].t,
        };
      });
      expect(seen).toEqual({ notes: [], outbox: [], current: null });
      await expect(
        db.tenantTx('bind-a', async (tx) => {
          await tx.query(`select set_config('app.tenant_id', 'bind-b', true)`);
          await tx.query(`insert into notes (id, tenant_id, body) values ('bind-x', 'bind-b', 'forged')`);
        }),
      ).rejects.toThrow(/row-level security/);
      // A signature made up in SQL does not help either; the key is the owner's alone (database-roles.spec).
      const forged = await db.tenantTx('bind-a', async (tx) => {
        await tx.query(
          `select set_config('app.tenant_id', 'bind-b', true), set_config('app.tenant_sig', encode(sha256('bind-b'::bytea), 'hex'), true)`,
        );
        return (await tx.query<{ id: string }>('select id from notes')).rows;
      });
      expect(forged).toEqual([]);
      // The transaction's own signed tenant still sees its own rows.
      const own = await db.tenantTx('bind-a', (tx) => tx.query<{ id: string }>('select id from notes'));
      expect(own.rows).toEqual([{ id: 'bind-a1' }]);
    });

    it('rolls back when the callback throws', async () => {
      await expect(
        db.tenantTx('tenant-c', async (tx) => {
          await tx.query(`insert into notes (id, tenant_id, body) values ('c1', 'tenant-c', 'gone')`);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      const { rows } = await db.tenantTx('tenant-c', (tx) => tx.query('select id from notes'));
      expect(rows).toEqual([]);
    });

    it('keeps 10 tenants apart over 5 connections under 500 interleaved transactions', async () => {
      const tenants = Array.from({ length: 10 }, (_, i) => `iso-${i}`);
      const mismatches: string[] = [];
      await Promise.all(
        Array.from({ length: 500 }, (_, i) => {
          const tenant = tenants[i % tenants.length];
          return db.tenantTx(tenant, async (tx) => {
            await tx.query(`insert into notes (id, tenant_id, body) values ($1, $2, $3)`, [
              `iso-row-${i}`,
              tenant,
              tenant,
            ]);
            const { rows } = await tx.query<{ tenant_id: string }>('select distinct tenant_id from notes');
            for (const r of rows) if (r.tenant_id !== tenant) mismatches.push(`${tenant} saw ${r.tenant_id}`);
          });
        }),
      );
      expect(mismatches).toEqual([]);
      for (const tenant of tenants) {
        const { rows } = await db.tenantTx(tenant, (tx) =>
          tx.query<{ n: number; wrong: number }>(
            `select count(*)::int as n, count(*) filter (where body <> $1)::int as wrong from notes`,
            [tenant],
          ),
        );
        expect(rows[0]).toEqual({ n: 50, wrong: 0 });
      }
      if (db.kind === 'postgres') expect(db.stats().total).toBeLessThanOrEqual(5);
    });

    it('writes outbox rows in the caller transaction, typed <org>.<svc>.<entity>.<verb>.v<N>', async () => {
      const added = await db.tenantTx('tenant-o', (tx) =>
        tx.outbox.add({ entity: 'order', verb: 'created', subject: 'o-1', data: { total: 3 }, version: 2 }),
      );
      expect(added.type).toBe('acme.orders.order.created.v2');
      expect(added.id).toMatch(/^[0-9a-f-]{36}$/);
      await expect(
        db.tenantTx('tenant-o', async (tx) => {
          await tx.outbox.add({ entity: 'order', verb: 'deleted', subject: 'o-1', data: null });
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      const mine = await db.tenantTx('tenant-o', (tx) =>
        tx.query<{ type: string; data: unknown; source: string }>(
          'select type, data, source from shipshape_outbox',
        ),
      );
      expect(mine.rows).toEqual([
        { type: 'acme.orders.order.created.v2', data: { total: 3 }, source: '/acme/orders' },
      ]);
      const others = await db.tenantTx('tenant-x', (tx) => tx.query('select id from shipshape_outbox'));
      expect(others.rows).toEqual([]);
      await expect(
        db.tenantTx('tenant-o', (tx) =>
          tx.outbox.add({ entity: 'Order.X', verb: 'created', subject: 's', data: 1 }),
        ),
      ).rejects.toThrow('entity must match');
    });

    it('records audit rows that nobody can update or delete', async () => {
      await db.tenantTx({ id: 'tenant-au', subject: 'alice', traceId: 'trace-1' }, (tx) =>
        tx.audit.record({
          action: 'order.created',
          entity: 'order',
          entityId: 'o-9',
          before: null,
          after: { n: 1 },
        }),
      );
      const { rows } = await db.tenantTx('tenant-au', (tx) =>
        tx.query('select actor, action, entity, entity_id, before, after, trace_id from shipshape_audit_log'),
      );
      expect(rows).toEqual([
        {
          actor: 'alice',
          action: 'order.created',
          entity: 'order',
          entity_id: 'o-9',
          before: null,
          after: { n: 1 },
          trace_id: 'trace-1',
        },
      ]);
      // The app role lacks the privileges…
      await expect(
        db.tenantTx('tenant-au', (tx) => tx.query(`update shipshape_audit_log set actor = 'mallory'`)),
      ).rejects.toThrow(/permission denied/);
      await expect(
        db.tenantTx('tenant-au', (tx) => tx.query('delete from shipshape_audit_log')),
      ).rejects.toThrow(/permission denied/);
      // …and the owner (a superuser here) is stopped by the append-only trigger.
      await expect(
        db.maintenanceTx((tx) => tx.query(`update shipshape_audit_log set actor = 'mallory'`)),
      ).rejects.toThrow(/append-only: UPDATE is not allowed/);
      await expect(db.maintenanceTx((tx) => tx.query('delete from shipshape_audit_log'))).rejects.toThrow(
        /append-only: DELETE is not allowed/,
      );
      await expect(db.tx((tx) => tx.exec('truncate shipshape_audit_log'))).rejects.toThrow(
        /append-only: TRUNCATE/,
      );
      const after = await db.tenantTx('tenant-au', (tx) =>
        tx.query<{ actor: string }>('select actor from shipshape_audit_log'),
      );
      expect(after.rows).toEqual([{ actor: 'alice' }]);
    });

    it('consumes an event id once per consumer and forgets it when the handler fails', async () => {
      let runs = 0;
      const handler = async (): Promise<string> => {
        runs++;
        return 'done';
      };
      const first = await db.tenantTx('tenant-in', (tx) => tx.inbox.consume('evt-1', handler));
      const second = await db.tenantTx('tenant-in', (tx) => tx.inbox.consume('evt-1', handler));
      const otherConsumer = await db.tenantTx('tenant-in', (tx) =>
        tx.inbox.consume('evt-1', handler, { consumer: 'mailer' }),
      );
      expect(first).toEqual({ duplicate: false, value: 'done' });
      expect(second).toEqual({ duplicate: true });
      expect(otherConsumer).toEqual({ duplicate: false, value: 'done' });
      expect(runs).toBe(2);

      // A failing handler whose error the caller swallows leaves the id unconsumed (savepoint rollback).
      await db.tenantTx('tenant-in', async (tx) => {
        await tx.inbox
          .consume('evt-2', async () => {
            await tx.query(`insert into notes (id, tenant_id, body) values ('in-1', 'tenant-in', 'x')`);
            throw new Error('handler failed');
          })
          .catch(() => undefined);
      });
      const retry = await db.tenantTx('tenant-in', (tx) => tx.inbox.consume('evt-2', handler));
      expect(retry).toEqual({ duplicate: false, value: 'done' });
      const { rows } = await db.tenantTx('tenant-in', (tx) =>
        tx.query(`select id from notes where id = 'in-1'`),
      );
      expect(rows).toEqual([]);
    });

    it('answers ping and reports pool stats', async () => {
      await expect(db.ping(2_000)).resolves.toBeUndefined();
      const stats = db.stats();
      expect(stats.total).toBeGreaterThanOrEqual(1);
      expect(stats.idle).toBeGreaterThanOrEqual(0);
      expect(stats.waiting).toBe(0);
    });

    it.skipIf(backend.name !== 'postgres')(
      'as a non-superuser owner: FORCE RLS hides runtime tables outside tenant and maintenance transactions',
      async () => {
        const { createPostgresDatabase } = await import('../src/data/postgres.js');
        const admin = await handle.open();
        await admin.exec(`create role svc_owner login createrole`);
        await admin.exec(`create database owned_by_svc owner svc_owner`);
        await admin.close();
        const url = new URL(handle.url as string);
        url.username = 'svc_owner';
        url.pathname = '/owned_by_svc';
        const owner = createPostgresDatabase({ url: url.toString(), events });
        try {
          await migrate(owner);
          const member = await owner.query<{ m: boolean }>(
            `select pg_has_role('shipshape_app', 'MEMBER') as m`,
          );
          expect(member.rows[0].m).toBe(true);
          await owner.tenantTx('t1', (tx) =>
            tx.outbox.add({ entity: 'order', verb: 'created', subject: 'o', data: 1 }),
          );
          await owner.tenantTx('t2', (tx) =>
            tx.outbox.add({ entity: 'order', verb: 'created', subject: 'o', data: 2 }),
          );
          const plain = await owner.query('select id from shipshape_outbox');
          expect(plain.rows).toEqual([]);
          const maintenance = await owner.maintenanceTx((tx) =>
            tx.query('select tenant_id from shipshape_outbox order by tenant_id'),
          );
          expect(maintenance.rows).toEqual([{ tenant_id: 't1' }, { tenant_id: 't2' }]);
          // The owner is no superuser, so only privileges + trigger guard the audit log; both hold.
          await owner.tenantTx('t1', (tx) => tx.audit.record({ action: 'a', entity: 'e', entityId: '1' }));
          await expect(
            owner.maintenanceTx((tx) => tx.query('delete from shipshape_audit_log')),
          ).rejects.toThrow(/append-only/);
        } finally {
          await owner.close();
        }
      },
    );
  });
});
