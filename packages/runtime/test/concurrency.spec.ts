/**
 * Issue 9 §8 on both databases, through createService: a strong ETag from `version` on create, read and
 * update (and on an idempotent replay), If-Match on PATCH and DELETE checked inside the write — 412 when
 * stale or weak, `*` for any existing version, 428 where the resource requires it — and two concurrent
 * PATCHes holding the same tag: exactly one wins.
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken } from '../src/auth/auth.js';
import type { Database } from '../src/data/types.js';
import type { ServiceApp } from '../src/service/service.js';
import { backends, title, type BackendHandle } from './support/backends.js';
import { draftsService, writeDraftsServiceDir, type Draft } from './support/drafts-service.js';

const MERGE = { 'content-type': 'application/json' };

function expectProblem(res: LightMyRequestResponse, status: number, code: string): void {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect((res.json() as { code: string }).code).toBe(code);
}

describe.each(backends())('optimistic concurrency through createService on $name', (backend) => {
  describe.skipIf(backend.skip !== undefined)(title(backend), () => {
    let handle: BackendHandle;
    let serviceDir: string;
    let optional: ServiceApp;
    let required: ServiceApp;
    const dbs: Database[] = [];
    const services: ServiceApp[] = [];
    let auth: string;

    const open = async () => {
      const db = await handle.open({ pool: { max: 4, connectionTimeoutMs: 60_000 } });
      dbs.push(db);
      return db;
    };
    const start = async (options: Parameters<typeof draftsService>[2] = {}) => {
      const svc = await draftsService(serviceDir, await open(), options);
      services.push(svc);
      return svc;
    };
    const create = async (svc = optional, key = `k-${Math.random()}`) => {
      const res = await svc.app.inject({
        method: 'POST',
        url: '/api/v1/drafts',
        headers: { authorization: auth, 'idempotency-key': key },
        payload: { title: 'first' },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res;
    };
    const get = (id: string, svc = optional) =>
      svc.app.inject({ method: 'GET', url: `/api/v1/drafts/${id}`, headers: { authorization: auth } });
    const patch = (id: string, ifMatch: string | undefined, titleText: string, svc = optional) =>
      svc.app.inject({
        method: 'PATCH',
        url: `/api/v1/drafts/${id}`,
        headers: { authorization: auth, ...MERGE, ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }) },
        payload: { title: titleText },
      });
    const remove = (id: string, ifMatch: string | undefined, svc = optional) =>
      svc.app.inject({
        method: 'DELETE',
        url: `/api/v1/drafts/${id}`,
        headers: { authorization: auth, ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }) },
      });

    beforeAll(async () => {
      [handle, serviceDir] = await Promise.all([backend.setup(), writeDraftsServiceDir()]);
      auth = `Bearer ${await mintDevToken({ tenant: 'etag', serviceName: 'drafts' })}`;
      optional = await start();
      required = await start({ ifMatch: 'required' });
    }, 120_000);
    afterAll(async () => {
      for (const s of services) await s.close().catch(() => undefined);
      for (const d of dbs) await d.close().catch(() => undefined);
      await handle?.cleanup();
      if (serviceDir) await rm(serviceDir, { recursive: true, force: true });
    });

    it('create, read and update send the strong ETag of the version; a matching If-Match → 200 and the new ETag', async () => {
      const created = await create();
      const draft = created.json() as Draft;
      expect(created.headers.etag).toBe('"1"');
      expect((await get(draft.id)).headers.etag).toBe('"1"');
      const updated = await patch(draft.id, '"1"', 'second');
      expect(updated.statusCode, updated.body).toBe(200);
      expect(updated.headers.etag).toBe('"2"');
      expect(updated.json()).toMatchObject({ title: 'second', version: 2 });
      expect((await get(draft.id)).headers.etag).toBe('"2"');
    });

    it('a stale If-Match → 412 PRECONDITION_FAILED naming the current ETag, and nothing changes', async () => {
      const { id } = (await create()).json() as Draft;
      expect((await patch(id, '"1"', 'second')).statusCode).toBe(200);
      const stale = await patch(id, '"1"', 'lost update');
      expectProblem(stale, 412, 'ACME.DRAFTS.PRECONDITION_FAILED');
      expect((stale.json() as { detail: string }).detail).toMatch(/is now at ETag "2"/);
      expect((await get(id)).json()).toMatchObject({ title: 'second', version: 2 });
      expectProblem(await remove(id, '"1"'), 412, 'ACME.DRAFTS.PRECONDITION_FAILED');
      expect((await get(id)).statusCode).toBe(200);
    });

    it('a weak ETag never matches If-Match (strong comparison), even with the current version', async () => {
      const { id } = (await create()).json() as Draft;
      const weak = await patch(id, 'W/"1"', 'weak');
      expectProblem(weak, 412, 'ACME.DRAFTS.PRECONDITION_FAILED');
      expect((weak.json() as { detail: string }).detail).toMatch(/weak W\/ tag never does/);
      expectProblem(await remove(id, 'W/"1"'), 412, 'ACME.DRAFTS.PRECONDITION_FAILED');
      expect((await get(id)).json()).toMatchObject({ title: 'first', version: 1 });
    });

    it('If-Match: * matches any existing version; a list matches when one member does', async () => {
      const { id } = (await create()).json() as Draft;
      const any = await patch(id, '*', 'any');
      expect(any.statusCode, any.body).toBe(200);
      expect(any.headers.etag).toBe('"2"');
      const listed = await patch(id, 'W/"2", "7", "2"', 'listed');
      expect(listed.statusCode, listed.body).toBe(200);
      expect(listed.headers.etag).toBe('"3"');
      expect((await remove(id, '*')).statusCode).toBe(204);
      expect((await get(id)).statusCode).toBe(404);
      // `*` on a resource that does not exist: the 404 it would get without the condition.
      expectProblem(await remove(id, '*'), 404, 'ACME.DRAFTS.DRAFT_NOT_FOUND');
      expectProblem(await patch(id, '"3"', 'gone'), 404, 'ACME.DRAFTS.DRAFT_NOT_FOUND');
    });

    it('optional If-Match: a write without it applies to the current version', async () => {
      const { id } = (await create()).json() as Draft;
      const res = await patch(id, undefined, 'unconditional');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers.etag).toBe('"2"');
      expect((await remove(id, undefined)).statusCode).toBe(204);
    });

    it('required If-Match: PATCH and DELETE without it → 428 PRECONDITION_REQUIRED (404 first when the draft is not there) and nothing changes; with it → 200/204', async () => {
      const { id } = (await create(required)).json() as Draft;
      expectProblem(await patch(id, undefined, 'blind', required), 428, 'ACME.DRAFTS.PRECONDITION_REQUIRED');
      expectProblem(await remove(id, undefined, required), 428, 'ACME.DRAFTS.PRECONDITION_REQUIRED');
      expect((await get(id, required)).json()).toMatchObject({ title: 'first', version: 1 });
      // What the request would get without the condition comes first: another tenant's or a missing id is 404.
      const other = `Bearer ${await mintDevToken({ tenant: 'etag-other', serviceName: 'drafts' })}`;
      const foreign = await required.app.inject({
        method: 'DELETE',
        url: `/api/v1/drafts/${id}`,
        headers: { authorization: other },
      });
      expectProblem(foreign, 404, 'ACME.DRAFTS.DRAFT_NOT_FOUND');
      expectProblem(
        await patch(randomUUID(), undefined, 'none', required),
        404,
        'ACME.DRAFTS.DRAFT_NOT_FOUND',
      );
      expectProblem(await patch(id, '"9"', 'stale', required), 412, 'ACME.DRAFTS.PRECONDITION_FAILED');
      const ok = await patch(id, '"1"', 'checked', required);
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.headers.etag).toBe('"2"');
      expect((await remove(id, '"2"', required)).statusCode).toBe(204);
    });

    it('an idempotent replay of the create carries the ETag of the stored response', async () => {
      const key = `replay-${Math.random()}`;
      const first = await create(optional, key);
      const { id } = first.json() as Draft;
      expect((await patch(id, '"1"', 'moved on')).statusCode).toBe(200);
      const replay = await create(optional, key);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toBe(first.body);
      expect(replay.headers.etag).toBe('"1"');
    });

    it('two concurrent PATCHes with the same If-Match, on two instances: one 200, one 412, one version step', async () => {
      // Two instances with their own pools; the pause inside the PATCH transaction makes the two overlap.
      const a = await start({ patchDelayMs: 50 });
      const b = await start({ patchDelayMs: 50 });
      for (let round = 0; round < 5; round++) {
        const { id } = (await create(a)).json() as Draft;
        const [x, y] = await Promise.all([patch(id, '"1"', 'from a', a), patch(id, '"1"', 'from b', b)]);
        const statuses = [x.statusCode, y.statusCode].sort();
        expect(statuses, `${x.body} / ${y.body}`).toEqual([200, 412]);
        const winner = x.statusCode === 200 ? x : y;
        expectProblem(x.statusCode === 412 ? x : y, 412, 'ACME.DRAFTS.PRECONDITION_FAILED');
        const now = (await get(id, a)).json() as Draft;
        expect(now.version).toBe(2);
        expect(now.title).toBe((winner.json() as Draft).title);
      }
    });
  });
});
