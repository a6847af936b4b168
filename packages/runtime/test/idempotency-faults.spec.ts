/**
 * Issue 9 §1–2 on both databases, through createService with two instances on one database: idempotency
 * under faults. A key either has a stored response or no committed effect — whatever the handler does after
 * its transaction — and a replay is only ever served to the principal that made the first request, after
 * authentication and the route's permission check.
 */
import { rm } from 'node:fs/promises';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/data/types.js';
import type { ServiceApp } from '../src/service/service.js';
import { backends, title, type BackendHandle } from './support/backends.js';
import { bearer } from './support/example-app.js';
import { notesService, writeNotesServiceDir, type NotesOptions } from './support/notes-service.js';

const events = { org: 'acme', service: 'orders' };

function code(res: LightMyRequestResponse): string {
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  return (res.json() as { code: string }).code;
}

describe.each(backends())('idempotency under faults on $name', (backend) => {
  describe.skipIf(backend.skip !== undefined)(title(backend), () => {
    let handle: BackendHandle;
    let serviceDir: string;
    let a: ServiceApp;
    let b: ServiceApp;
    const dbs: Database[] = [];
    const services: ServiceApp[] = [];

    const start = async (options: NotesOptions = {}): Promise<ServiceApp> => {
      const db = await handle.open({ events, pool: { max: 10, connectionTimeoutMs: 120_000 } });
      dbs.push(db);
      const svc = await notesService(serviceDir, db, {}, options);
      services.push(svc);
      return svc;
    };

    beforeAll(async () => {
      [handle, serviceDir] = await Promise.all([backend.setup(), writeNotesServiceDir()]);
      a = await start();
      b = await start();
    });
    afterAll(async () => {
      for (const s of services) await s.close().catch(() => undefined);
      for (const d of dbs) await d.close().catch(() => undefined);
      await handle?.cleanup();
      if (serviceDir) await rm(serviceDir, { recursive: true, force: true });
    });

    const post = (
      svc: ServiceApp,
      url: string,
      auth: string,
      key: string,
      payload: object,
    ): Promise<LightMyRequestResponse> =>
      svc.app.inject({
        method: 'POST',
        url: `/api/v1${url}`,
        headers: { authorization: auth, 'idempotency-key': key },
        payload,
      });

    async function count(tenant: string, body: string): Promise<number> {
      const { rows } = await a.db.tenantTx(tenant, (tx) =>
        tx.query<{ n: number }>('select count(*)::int as n from notes where body = $1', [body]),
      );
      return rows[0].n;
    }

    it('a handler that throws after its transaction commits nothing; the retry runs once and is replayed', async () => {
      const auth = await bearer('faults');
      const payload = { body: `throws once after commit (${backend.name})`, throwAfterCommit: 'once' };
      const first = await post(a, '/notes/flaky', auth, 'flaky-once', payload);
      expect(first.statusCode).toBe(500);
      expect(await count('faults', payload.body)).toBe(0);
      const retry = await post(b, '/notes/flaky', auth, 'flaky-once', payload);
      expect(retry.statusCode).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBeUndefined();
      const third = await post(a, '/notes/flaky', auth, 'flaky-once', payload);
      expect(third.headers['idempotent-replayed']).toBe('true');
      expect(third.rawPayload.equals(retry.rawPayload)).toBe(true);
      expect(await count('faults', payload.body)).toBe(1);

      const always = { body: 'always throws after commit', throwAfterCommit: 'always' };
      for (const svc of [a, b, a]) {
        const res = await post(svc, '/notes/flaky', auth, 'flaky-always', always);
        expect(res.statusCode).toBe(500);
        expect(code(res)).toBe('ACME.ORDERS.INTERNAL');
      }
      expect(await count('faults', always.body)).toBe(0);
    });

    it('a withTenant that writes then refuses (4xx) keeps nothing of its write; the 4xx is stored and replayed', async () => {
      const auth = await bearer('refused');
      const payload = { body: `refused (${backend.name})` };
      const first = await post(a, '/notes/refused', auth, 'refused-key', payload);
      expect(first.statusCode).toBe(404);
      expect(code(first)).toBe('ACME.ORDERS.NOTE_NOT_FOUND');
      const again = await post(b, '/notes/refused', auth, 'refused-key', payload);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.rawPayload.equals(first.rawPayload)).toBe(true);
      expect(await count('refused', payload.body)).toBe(0);
    });

    it('1000 concurrent POSTs from two instances, handler throwing after commit → 500 or 409, zero rows', async () => {
      const auth = await bearer('herd-throws');
      const payload = { body: 'herd that throws', throwAfterCommit: 'always' };
      const responses = await Promise.all(
        Array.from({ length: 1000 }, (_, i) =>
          post(i % 2 ? a : b, '/notes/flaky', auth, 'herd-throw', payload),
        ),
      );
      const statuses = new Map<number, number>();
      for (const r of responses) statuses.set(r.statusCode, (statuses.get(r.statusCode) ?? 0) + 1);
      expect(
        [...statuses.keys()].every((s) => s === 500 || s === 409),
        JSON.stringify([...statuses]),
      ).toBe(true);
      expect(responses.some((r) => r.headers['idempotent-replayed'])).toBe(false);
      expect(await count('herd-throws', payload.body)).toBe(0);
    }, 300_000);

    it('scopes keys to the principal: another principal of the tenant never gets the first one’s replay', async () => {
      const writer = await bearer('scoped', { subject: 'alice', claims: { scope: 'notes:write' } });
      const reader = await bearer('scoped', { subject: 'mallory' });
      const colleague = await bearer('scoped', {
        subject: 'bob',
        claims: { scope: 'notes:read notes:write' },
      });
      const payload = { body: 'guarded note' };
      const first = await post(a, '/notes/guarded', writer, 'shared-key', payload);
      expect(first.statusCode).toBe(201);
      // Same tenant, same key, same payload, no permission: refused, not replayed.
      const denied = await post(b, '/notes/guarded', reader, 'shared-key', payload);
      expect(denied.statusCode).toBe(403);
      expect(code(denied)).toBe('ACME.ORDERS.FORBIDDEN');
      expect(denied.headers['idempotent-replayed']).toBeUndefined();
      // A colleague with the permission has a key space of their own.
      const own = await post(b, '/notes/guarded', colleague, 'shared-key', payload);
      expect(own.statusCode).toBe(201);
      expect(own.headers['idempotent-replayed']).toBeUndefined();
      const replay = await post(a, '/notes/guarded', writer, 'shared-key', payload);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.rawPayload.equals(first.rawPayload)).toBe(true);
      expect(await count('scoped', payload.body)).toBe(2);
    });

    it('1000 concurrent POSTs, half from a principal without the permission → those all 403, one row', async () => {
      const writer = await bearer('herd-perm', { subject: 'writer', claims: { scope: 'notes:write' } });
      const intruder = await bearer('herd-perm', { subject: 'intruder', claims: { scope: 'notes:read' } });
      const payload = { body: 'herd with permissions' };
      const responses = await Promise.all(
        Array.from({ length: 1000 }, (_, i) =>
          post(i % 2 ? a : b, '/notes/guarded', i % 4 < 2 ? writer : intruder, 'herd-perm', payload),
        ),
      );
      let originals = 0;
      responses.forEach((r, i) => {
        if (i % 4 >= 2) {
          expect(r.statusCode).toBe(403);
          return;
        }
        if (r.statusCode === 409) return;
        expect(r.statusCode).toBe(201);
        if (!r.headers['idempotent-replayed']) originals++;
      });
      expect(originals).toBe(1);
      expect(await count('herd-perm', payload.body)).toBe(1);
    }, 300_000);

    it('a handler outliving the in-flight lease is not taken over: one run, the others replay or wait', async () => {
      const slow = await start({ txDelayMs: 1_500 });
      const auth = await bearer('lease');
      const payload = { body: 'outlives its lease' };
      const first = slow.app.inject({
        method: 'POST',
        url: '/api/v1/notes',
        headers: { authorization: auth, 'idempotency-key': 'lease-key' },
        payload,
      });
      // Expire the lease while the first handler is inside its transaction (moved, not waited for).
      await new Promise((r) => setTimeout(r, 300));
      await a.db.maintenanceTx((tx) =>
        tx.query(
          `update shipshape_idempotency_keys set lease_until = now() - interval '1 second'
            where idempotency_key = 'lease-key'`,
        ),
      );
      const second = await post(b, '/notes', auth, 'lease-key', payload);
      const firstRes = await first;
      expect(firstRes.statusCode).toBe(201);
      expect([201, 409]).toContain(second.statusCode);
      if (second.statusCode === 201) expect(second.headers['idempotent-replayed']).toBe('true');
      expect(await count('lease', payload.body)).toBe(1);
    });
  });
});
