import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/data/types.js';
import { IdempotencyStore } from '../src/idempotency/store.js';
import { backends, migrate, title, type BackendHandle } from './support/backends.js';
import { bearer, exampleApp } from './support/example-app.js';
import type { TestHttpApp } from '../src/service/http-app.spec-helper.js';

const notes = {
  source: 'service',
  dir: fileURLToPath(new URL('./fixtures/notes-migrations/', import.meta.url)),
};
const events = { org: 'acme', service: 'orders' };

function post(
  app: TestHttpApp,
  auth: string,
  key: string | undefined,
  payload: unknown,
  url = '/api/v1/notes',
): Promise<LightMyRequestResponse> {
  return app.app.inject({
    method: 'POST',
    url,
    headers: { authorization: auth, ...(key !== undefined ? { 'idempotency-key': key } : {}) },
    payload: payload as object,
  });
}

function problemCode(res: LightMyRequestResponse): string {
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json() as { code: string; status: number };
  expect(body.status).toBe(res.statusCode);
  return body.code;
}

describe.each(backends())('idempotency on $name', (backend) => {
  describe.skipIf(backend.skip !== undefined)(title(backend), () => {
    let handle: BackendHandle;
    let dbA: Database;
    let dbB: Database;
    let appA: TestHttpApp;
    let appB: TestHttpApp;
    let t1: string;
    let t2: string;

    beforeAll(async () => {
      handle = await backend.setup();
      dbA = await handle.open({ events, pool: { max: 10, connectionTimeoutMs: 60_000 } });
      dbB = await handle.open({ events, pool: { max: 10, connectionTimeoutMs: 60_000 } });
      await migrate(dbA, [notes]);
      appA = await exampleApp({ db: dbA, createDelayMs: 20 });
      appB = await exampleApp({ db: dbB, createDelayMs: 20 });
      t1 = await bearer('t1');
      t2 = await bearer('t2');
    }, 120_000);
    afterAll(async () => {
      await appA?.close();
      await appB?.close();
      await dbA?.close();
      await dbB?.close();
      await handle?.cleanup();
    });

    async function countNotes(tenant: string, body: string): Promise<number> {
      const { rows } = await dbA.tenantTx(tenant, (tx) =>
        tx.query<{ n: number }>('select count(*)::int as n from notes where body = $1', [body]),
      );
      return rows[0].n;
    }

    it('requires a well-formed Idempotency-Key on POST', async () => {
      expect(problemCode(await post(appA, t1, undefined, { body: 'x' }))).toBe(
        'ACME.ORDERS.IDEMPOTENCY_KEY_MISSING',
      );
      const missing = await post(appA, t1, undefined, { body: 'x' });
      expect(missing.statusCode).toBe(400);
      for (const bad of ['', '   ', 'k'.repeat(256), 'a"b', 'tab\there']) {
        const res = await post(appA, t1, bad, { body: 'x' });
        expect(res.statusCode, JSON.stringify(bad)).toBe(400);
        expect(problemCode(res)).toBe('ACME.ORDERS.IDEMPOTENCY_KEY_INVALID');
      }
      const longest = await post(appA, t1, 'k'.repeat(255), { body: 'longest key' });
      expect(longest.statusCode).toBe(201);
      const quoted = await post(appA, t1, '"8e03978e-40d5-43e8-bc93-6894a57f9324"', {
        body: 'sf-string key',
      });
      expect(quoted.statusCode).toBe(201);
      expect(await countNotes('t1', 'x')).toBe(0);
    });

    it('refuses a repeated Idempotency-Key header (over real HTTP)', async () => {
      const address = await appA.app.listen({ host: '127.0.0.1', port: 0 });
      const url = new URL('/api/v1/notes', address);
      const res = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
        const req = httpRequest(
          url,
          {
            method: 'POST',
            headers: {
              authorization: t1,
              'content-type': 'application/json',
              'idempotency-key': ['first', 'second'],
            },
          },
          (r) => {
            let body = '';
            r.on('data', (c: Buffer) => (body += c.toString()));
            r.on('end', () =>
              resolve({ status: r.statusCode ?? 0, type: String(r.headers['content-type']), body }),
            );
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ body: 'dup header' }));
      });
      await appA.app.server.close();
      expect(res.status).toBe(400);
      expect(res.type).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(res.body).code).toBe('ACME.ORDERS.IDEMPOTENCY_KEY_INVALID');
    });

    it('replays the first response byte for byte, from either instance', async () => {
      const first = await post(appA, t1, 'replay-1', { body: 'replayed note' });
      expect(first.statusCode).toBe(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      for (const app of [appA, appB]) {
        const again = await post(app, t1, 'replay-1', { body: 'replayed note' });
        expect(again.statusCode).toBe(201);
        expect(again.headers['idempotent-replayed']).toBe('true');
        expect(again.rawPayload.equals(first.rawPayload)).toBe(true);
        expect(again.headers['content-type']).toBe(first.headers['content-type']);
        expect(again.headers.location).toBe(first.headers.location);
      }
      // Key order and whitespace of the JSON body do not make it another payload.
      const reordered = await appB.app.inject({
        method: 'POST',
        url: '/api/v1/notes',
        headers: { authorization: t1, 'idempotency-key': 'replay-1', 'content-type': 'application/json' },
        payload: '{ "body" :  "replayed note" }',
      });
      expect(reordered.headers['idempotent-replayed']).toBe('true');
      expect(await countNotes('t1', 'replayed note')).toBe(1);
    });

    it('answers 422 for the same key with another payload or other path parameters', async () => {
      await post(appA, t1, 'mismatch-1', { body: 'original' });
      const other = await post(appB, t1, 'mismatch-1', { body: 'different' });
      expect(other.statusCode).toBe(422);
      expect(problemCode(other)).toBe('ACME.ORDERS.IDEMPOTENCY_KEY_MISMATCH');
      await post(appA, t1, 'archive-key', {}, '/api/v1/notes/a/archive');
      const otherId = await post(appA, t1, 'archive-key', {}, '/api/v1/notes/b/archive');
      expect(otherId.statusCode).toBe(422);
      expect(await countNotes('t1', 'different')).toBe(0);
    });

    it('scopes keys to tenant and route template', async () => {
      const a = await post(appA, t1, 'scoped', { body: 'scope t1' });
      const b = await post(appA, t2, 'scoped', { body: 'scope t2' });
      const c = await post(appA, t1, 'scoped', {}, '/api/v1/notes/z/archive');
      expect([a.statusCode, b.statusCode, c.statusCode]).toEqual([201, 201, 200]);
      expect(b.headers['idempotent-replayed']).toBeUndefined();
      expect(c.headers['idempotent-replayed']).toBeUndefined();
      expect(await countNotes('t2', 'scope t2')).toBe(1);
    });

    it('answers 409 with Retry-After while the first request is in flight', async () => {
      const slow = await exampleApp({ db: dbA, createDelayMs: 400 });
      try {
        const first = post(slow, t1, 'in-flight-1', { body: 'slow note' });
        await new Promise((r) => setTimeout(r, 150));
        const second = await post(appB, t1, 'in-flight-1', { body: 'slow note' });
        expect(second.statusCode).toBe(409);
        expect(second.headers['retry-after']).toBe('1');
        expect(problemCode(second)).toBe('ACME.ORDERS.IDEMPOTENCY_KEY_IN_FLIGHT');
        expect((await first).statusCode).toBe(201);
        const third = await post(appB, t1, 'in-flight-1', { body: 'slow note' });
        expect(third.headers['idempotent-replayed']).toBe('true');
      } finally {
        await slow.close();
      }
    });

    it('releases the key after a 5xx so a retry runs again', async () => {
      const failing = await exampleApp({ db: dbA });
      try {
        const first = await post(failing, t1, 'retry-after-500', { body: 'eventually', fail: true });
        expect(first.statusCode).toBe(500);
        const retry = await post(failing, t1, 'retry-after-500', { body: 'eventually', fail: true });
        expect(retry.statusCode).toBe(201);
        expect(retry.headers['idempotent-replayed']).toBeUndefined();
        expect(await countNotes('t1', 'eventually')).toBe(1);
      } finally {
        await failing.close();
      }
    });

    it('stores 4xx outcomes (validation failures are not keyed) and exempts routes with idempotency: false', async () => {
      const invalid = await post(appA, t1, 'invalid-body', { nope: 1 });
      expect(invalid.statusCode).toBe(400);
      expect(problemCode(invalid)).toBe('ACME.ORDERS.VALIDATION_FAILED');
      const fixed = await post(appA, t1, 'invalid-body', { body: 'fixed' });
      expect(fixed.statusCode).toBe(201);
      const exempt = await post(appA, t1, undefined, {}, '/api/v1/notes/search');
      expect(exempt.statusCode).toBe(200);
    });

    it('takes over a claim whose holder crashed once its lease expired', async () => {
      const store = new IdempotencyStore(dbA, { leaseMs: 60_000 });
      const scope = {
        tenantId: 't1',
        principal: 'dev-user@t1',
        method: 'POST',
        route: '/api/v1/notes',
        key: 'crashed',
      };
      const { requestFingerprint } = await import('../src/idempotency/fingerprint.js');
      const fp = requestFingerprint({ params: {}, query: {}, body: { body: 'after crash' } });
      const claimed = await store.claim(scope, fp);
      expect(claimed.outcome).toBe('claimed');
      // The holder "crashed": it never completes. Before the lease ends a retry is in flight…
      expect((await store.claim(scope, fp)).outcome).toBe('in_flight');
      expect((await post(appA, t1, 'crashed', { body: 'after crash' })).statusCode).toBe(409);
      // …then the lease runs out (moved into the past rather than waited for)…
      await dbA.tenantTx('t1', (tx) =>
        tx.query(
          `update shipshape_idempotency_keys set lease_until = now() - interval '1 second' where idempotency_key = 'crashed'`,
        ),
      );
      // …and a retry with another payload is still refused while one with the same payload takes over.
      expect((await post(appA, t1, 'crashed', { body: 'other' })).statusCode).toBe(422);
      // …after it, the retry takes the key over and runs.
      const res = await post(appA, t1, 'crashed', { body: 'after crash' });
      expect(res.statusCode).toBe(201);
      expect(res.headers['idempotent-replayed']).toBeUndefined();
      // The crashed holder's late completion is refused.
      if (claimed.outcome === 'claimed') {
        await expect(
          dbA.tenantTx('t1', (tx) =>
            store.completeIn(tx, scope, claimed.token, {
              status: 201,
              headers: {},
              body: Buffer.from('late'),
            }),
          ),
        ).rejects.toThrow(/claim was lost/);
      }
      const replay = await post(appB, t1, 'crashed', { body: 'after crash' });
      expect(replay.rawPayload.equals(res.rawPayload)).toBe(true);
    });

    it('forgets keys after their expiry and deletes them in the cleanup job', async () => {
      const store = new IdempotencyStore(dbA, { ttlMs: 30 });
      const scope = {
        tenantId: 't2',
        principal: 'p',
        method: 'POST',
        route: '/api/v1/notes',
        key: 'short-lived',
      };
      const claimed = await store.claim(scope, 'fp-1');
      if (claimed.outcome !== 'claimed') throw new Error('expected a claim');
      await dbA.tenantTx('t2', (tx) =>
        store.completeIn(tx, scope, claimed.token, { status: 201, headers: {}, body: Buffer.from('{}') }),
      );
      await new Promise((r) => setTimeout(r, 60));
      // Expired: the same key is free again, even with another payload.
      expect((await store.claim(scope, 'fp-2')).outcome).toBe('claimed');
      await new Promise((r) => setTimeout(r, 60));
      const deleted = await store.deleteExpired();
      expect(deleted).toBeGreaterThanOrEqual(1);
      const left = await dbA.tenantTx('t2', (tx) =>
        tx.query(`select 1 from shipshape_idempotency_keys where idempotency_key = 'short-lived'`),
      );
      expect(left.rows).toEqual([]);
    });

    it('counts replays and conflicts in /metrics', async () => {
      const text = (await appB.app.inject({ method: 'GET', url: '/metrics' })).body;
      expect(text).toMatch(/idempotency_replays_total\{[^}]*route="\/api\/v1\/notes"[^}]*\} [1-9]/);
      expect(text).toMatch(/idempotency_conflicts_total\{[^}]*reason="mismatch"[^}]*\} [1-9]/);
    });
  });
});
