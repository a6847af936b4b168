/**
 * Issue 9 §6 on both databases through createService: database failures answer by meaning, never 500 —
 * unique violation 409, serialization failure / deadlock / statement timeout 503 with Retry-After, a row-level
 * security violation 404 (the tenancy policy: another tenant's data is "not found") — and hostile JSON is a
 * 400 (20 000 levels deep) or fingerprinted exactly (integers beyond 2^53).
 */
import { rm } from 'node:fs/promises';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/data/types.js';
import type { ServiceApp } from '../src/service/service.js';
import { backends, title, type BackendHandle } from './support/backends.js';
import { bearer } from './support/example-app.js';
import { notesService, writeNotesServiceDir } from './support/notes-service.js';

function expectProblem(res: LightMyRequestResponse, status: number, code: string): void {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.json()).toMatchObject({ status, code: `ACME.ORDERS.${code}` });
}

describe.each(backends())('errors mapped by meaning on $name', (backend) => {
  describe.skipIf(backend.skip !== undefined)(title(backend), () => {
    let handle: BackendHandle;
    let serviceDir: string;
    let db: Database;
    let svc: ServiceApp;
    let auth: string;

    beforeAll(async () => {
      [handle, serviceDir] = await Promise.all([backend.setup(), writeNotesServiceDir()]);
      db = await handle.open({ events: { org: 'acme', service: 'orders' } });
      svc = await notesService(serviceDir, db);
      auth = await bearer('mapping');
    });
    afterAll(async () => {
      await svc?.close();
      await db?.close();
      await handle?.cleanup();
      if (serviceDir) await rm(serviceDir, { recursive: true, force: true });
    });

    const fault = (name: string) =>
      svc.app.inject({
        method: 'POST',
        url: '/api/v1/notes/fault',
        headers: { authorization: auth },
        payload: { fault: name },
      });

    it('unique violation → 409 CONFLICT', async () => {
      expectProblem(await fault('unique'), 409, 'CONFLICT');
    });

    it.each(['serialization', 'deadlock'])('%s failure → 503 with Retry-After', async (name) => {
      const res = await fault(name);
      expectProblem(res, 503, 'SERVICE_UNAVAILABLE');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    });

    it.skipIf(backend.name === 'pglite')('statement timeout → 503 with Retry-After', async () => {
      const res = await fault('timeout');
      expectProblem(res, 503, 'SERVICE_UNAVAILABLE');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('row-level security violation → 404 like any other tenant’s resource', async () => {
      expectProblem(await fault('rls'), 404, 'NOT_FOUND');
    });

    it('JSON nested 20 000 levels deep → 400, not 500', async () => {
      const deep = '['.repeat(20_000) + ']'.repeat(20_000);
      for (const url of ['/api/v1/notes', '/api/v1/notes/fault']) {
        const res = await svc.app.inject({
          method: 'POST',
          url,
          headers: { authorization: auth, 'content-type': 'application/json', 'idempotency-key': 'deep' },
          payload: `{"body":${deep}}`,
        });
        expectProblem(res, 400, 'BAD_REQUEST');
      }
    });

    it('integers beyond 2^53 are fingerprinted exactly: another number is another payload', async () => {
      const send = (n: string) =>
        svc.app.inject({
          method: 'POST',
          url: '/api/v1/notes/b1/archive',
          headers: {
            authorization: auth,
            'content-type': 'application/json',
            'idempotency-key': 'big-number',
          },
          payload: `{"amount":${n}}`,
        });
      expect((await send('9007199254740993')).statusCode).toBe(200);
      // 9007199254740992 and …993 are the same IEEE double: only an exact fingerprint tells them apart.
      expectProblem(await send('9007199254740992'), 422, 'IDEMPOTENCY_KEY_MISMATCH');
      expect((await send('9007199254740993')).headers['idempotent-replayed']).toBe('true');
    });
  });
});
