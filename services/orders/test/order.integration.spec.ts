/**
 * Order routes end to end on an in-memory PGlite: the runtime's auth, idempotency, problem+json and RLS are
 * real; only the transport is Fastify's inject.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { toCloudEvent, type ServiceApp } from '@shipshape/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bearer, headers, startTestService } from './support.js';

const BASE = '/api/v1/orders';
const MERGE_PATCH = 'application/merge-patch+json';
/** If-Match is optional on PATCH and DELETE: tests about something else send none. */
const ANY_VERSION: Record<string, string> = {};

let svc: ServiceApp;

beforeAll(async () => {
  svc = await startTestService();
});
afterAll(async () => {
  await svc?.close();
});

async function create(tenant: string, body: Record<string, unknown> = { name: 'first' }) {
  return svc.app.inject({ method: 'POST', url: BASE, headers: await headers(tenant, true), payload: body });
}

describe('POST /api/v1/orders', () => {
  it('creates an order: 201, Location, the stored representation', async () => {
    const res = await create('tenant-a', { name: 'first', description: 'a description', quantity: 2 });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ name: 'first', description: 'a description', quantity: 2, version: 1 });
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.location).toBe(`${BASE}/${body.id}`);
  });

  it('replays the first response for the same Idempotency-Key and payload', async () => {
    const h = await headers('tenant-a', true);
    const first = await svc.app.inject({ method: 'POST', url: BASE, headers: h, payload: { name: 'once' } });
    const again = await svc.app.inject({ method: 'POST', url: BASE, headers: h, payload: { name: 'once' } });
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('refuses a POST without Idempotency-Key with a registered problem', async () => {
    const res = await svc.app.inject({
      method: 'POST',
      url: BASE,
      headers: { authorization: await bearer('tenant-a') },
      payload: { name: 'x' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().code).toBe('ACME.ORDERS.IDEMPOTENCY_KEY_MISSING');
  });

  it('rejects unknown members and over-long values (400, VALIDATION_FAILED)', async () => {
    for (const payload of [{ name: 'x', extra: true }, { name: 'x'.repeat(201) }, {}]) {
      const res = await create('tenant-a', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().code).toBe('ACME.ORDERS.VALIDATION_FAILED');
    }
  });

  it('requires a bearer token (401 problem)', async () => {
    const res = await svc.app.inject({ method: 'POST', url: BASE, payload: { name: 'x' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('ACME.ORDERS.UNAUTHENTICATED');
  });
});

describe('GET /api/v1/orders', () => {
  it('pages with limit and cursor until nextCursor is null, each row once', async () => {
    const tenant = `tenant-${randomUUID()}`;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await create(tenant, { name: `n${i}` })).json().id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `${BASE}?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await svc.app.inject({ method: 'GET', url, headers: await headers(tenant) });
      expect(res.statusCode).toBe(200);
      const page = res.json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((x: { id: string }) => x.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(ids);
  });

  it('answers 400 INVALID_CURSOR for a cursor it did not issue, 400 for limit > 100', async () => {
    const h = await headers('tenant-a');
    const bad = await svc.app.inject({ method: 'GET', url: `${BASE}?cursor=bm90LWEtY3Vyc29y`, headers: h });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('ACME.ORDERS.INVALID_CURSOR');
    const big = await svc.app.inject({ method: 'GET', url: `${BASE}?limit=101`, headers: h });
    expect(big.statusCode).toBe(400);
  });
});

describe('/api/v1/orders/{orderId}', () => {
  it('gets, merge-patches and deletes an order', async () => {
    const id = (await create('tenant-a', { name: 'before', description: 'to clear' })).json().id;
    const url = `${BASE}/${id}`;
    const h = await headers('tenant-a');

    const got = await svc.app.inject({ method: 'GET', url, headers: h });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({ id, name: 'before', description: 'to clear' });

    const patched = await svc.app.inject({
      method: 'PATCH',
      url,
      headers: { ...h, ...ANY_VERSION, 'content-type': MERGE_PATCH },
      payload: JSON.stringify({ name: 'after', description: null }),
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ id, name: 'after', description: null, version: 2 });

    const deleted = await svc.app.inject({ method: 'DELETE', url, headers: { ...h, ...ANY_VERSION } });
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    const gone = await svc.app.inject({ method: 'GET', url, headers: h });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().code).toBe('ACME.ORDERS.ORDER_NOT_FOUND');
  });

  it('refuses a PATCH that is not a merge patch (415)', async () => {
    const id = (await create('tenant-a')).json().id;
    const res = await svc.app.inject({
      method: 'PATCH',
      url: `${BASE}/${id}`,
      headers: await headers('tenant-a'),
      payload: { name: 'x' },
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('ACME.ORDERS.UNSUPPORTED_MEDIA_TYPE');
  });

  it("hides another tenant's order exactly like a missing one", async () => {
    const id = (await create('tenant-a', { name: 'private' })).json().id;
    const other = await headers('tenant-b');
    const missing = await svc.app.inject({ method: 'GET', url: `${BASE}/${randomUUID()}`, headers: other });
    const foreign = await svc.app.inject({ method: 'GET', url: `${BASE}/${id}`, headers: other });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe(missing.json().code);
    const patch = await svc.app.inject({
      method: 'PATCH',
      url: `${BASE}/${id}`,
      headers: { ...other, ...ANY_VERSION, 'content-type': MERGE_PATCH },
      payload: JSON.stringify({ name: 'stolen' }),
    });
    expect(patch.statusCode).toBe(404);
    const removed = await svc.app.inject({
      method: 'DELETE',
      url: `${BASE}/${id}`,
      headers: { ...other, ...ANY_VERSION },
    });
    expect(removed.statusCode).toBe(404);
    const list = await svc.app.inject({ method: 'GET', url: `${BASE}?limit=100`, headers: other });
    expect(list.json().items.map((x: { id: string }) => x.id)).not.toContain(id);
    const mine = await svc.app.inject({
      method: 'GET',
      url: `${BASE}/${id}`,
      headers: await headers('tenant-a'),
    });
    expect(mine.json().name).toBe('private');
  });

  it('writes the row, its outbox event and its audit row in one tenant transaction, under RLS', async () => {
    const tenant = `tenant-${randomUUID()}`;
    const id = (await create(tenant, { name: 'evented' })).json().id;
    const seen = await svc.db.tenantTx(tenant, async (tx) => ({
      rows: (await tx.query('SELECT id FROM orders WHERE id = $1', [id])).rowCount,
      events: (
        await tx.query<{ type: string }>('SELECT type FROM shipshape_outbox WHERE subject = $1', [id])
      ).rows.map((r) => r.type),
      audit: (
        await tx.query<{ action: string }>('SELECT action FROM shipshape_audit_log WHERE entity_id = $1', [
          id,
        ])
      ).rows.map((r) => r.action),
    }));
    expect(seen).toEqual({ rows: 1, events: ['acme.orders.order.created.v1'], audit: ['order.created'] });
    // Another tenant's transaction sees none of it: the database enforces the isolation, not only the code.
    const leaked = await svc.db.tenantTx('tenant-b', (tx) =>
      tx.query('SELECT id FROM orders WHERE id = $1', [id]),
    );
    expect(leaked.rowCount).toBe(0);
    const rls = await svc.db.query<{ relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      "SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = 'orders'",
    );
    expect(rls.rows[0]).toEqual({ relrowsecurity: true, relforcerowsecurity: true });
  });
});

describe('optimistic concurrency on /api/v1/orders/{orderId} (If-Match optional)', () => {
  const patch = async (id: string, ifMatch: string | undefined, body: Record<string, unknown>) =>
    svc.app.inject({
      method: 'PATCH',
      url: `${BASE}/${id}`,
      headers: {
        ...(await headers('tenant-a')),
        'content-type': MERGE_PATCH,
        ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }),
      },
      payload: JSON.stringify(body),
    });
  const remove = async (id: string, ifMatch: string | undefined) =>
    svc.app.inject({
      method: 'DELETE',
      url: `${BASE}/${id}`,
      headers: { ...(await headers('tenant-a')), ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }) },
    });
  const read = async (id: string) =>
    svc.app.inject({ method: 'GET', url: `${BASE}/${id}`, headers: await headers('tenant-a') });

  it('create, get and update send the strong ETag of the version; the current one as If-Match → 200 and the next ETag', async () => {
    const created = await create('tenant-a', { name: 'tagged' });
    expect(created.headers.etag).toBe('"1"');
    const id = created.json().id;
    expect((await read(id)).headers.etag).toBe('"1"');
    const updated = await patch(id, '"1"', { name: 'retagged' });
    expect(updated.statusCode).toBe(200);
    expect(updated.headers.etag).toBe('"2"');
    expect(updated.json()).toMatchObject({ name: 'retagged', version: 2 });
  });

  it('a stale or weak If-Match → 412 ACME.ORDERS.PRECONDITION_FAILED and nothing changes', async () => {
    const id = (await create('tenant-a', { name: 'kept' })).json().id;
    expect((await patch(id, '"1"', { name: 'current' })).statusCode).toBe(200);
    for (const tag of ['"1"', 'W/"2"']) {
      const refused = await patch(id, tag, { name: 'lost update' });
      expect(refused.statusCode, tag).toBe(412);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.json().code).toBe('ACME.ORDERS.PRECONDITION_FAILED');
      expect((await remove(id, tag)).statusCode, tag).toBe(412);
    }
    expect((await read(id)).json()).toMatchObject({ name: 'current', version: 2 });
    expect((await remove(id, '*')).statusCode).toBe(204);
    expect((await remove(id, '*')).statusCode).toBe(404);
  });

  it('without If-Match (optional here), PATCH and DELETE apply to the current version', async () => {
    const id = (await create('tenant-a', { name: 'unguarded' })).json().id;
    const res = await patch(id, undefined, { name: 'last writer wins' });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect((await remove(id, undefined)).statusCode).toBe(204);
  });

  it('an idempotent replay of the create carries the ETag it was created with', async () => {
    const h = await headers('tenant-a', true);
    const first = await svc.app.inject({
      method: 'POST',
      url: BASE,
      headers: h,
      payload: { name: 'replayed' },
    });
    expect((await patch(first.json().id, '"1"', { name: 'changed since' })).statusCode).toBe(200);
    const again = await svc.app.inject({
      method: 'POST',
      url: BASE,
      headers: h,
      payload: { name: 'replayed' },
    });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers.etag).toBe('"1"');
  });

  it('two concurrent PATCHes with the same If-Match: one 200, one 412', async () => {
    const id = (await create('tenant-a', { name: 'contended' })).json().id;
    const results = await Promise.all([patch(id, '"1"', { name: 'one' }), patch(id, '"1"', { name: 'two' })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412]);
    expect((await read(id)).json().version).toBe(2);
  });
});

describe('events of /api/v1/orders and asyncapi/orders.yaml', () => {
  type Schema = {
    $ref?: string;
    required?: string[];
    properties?: Record<string, Schema>;
    allOf?: Schema[];
    const?: unknown;
  };
  const doc = parse(
    readFileSync(fileURLToPath(new URL('../asyncapi/orders.yaml', import.meta.url)), 'utf8'),
  ) as {
    channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
    components: { schemas: Record<string, Schema> };
  };
  /** Follows a local `#/…` reference of the AsyncAPI document. */
  const deref = <T>(ref: string): T =>
    ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], doc) as T;

  it('publishes, for create, update and delete, CloudEvents that match the documented messages', async () => {
    const tenant = `tenant-${randomUUID()}`;
    const id = (await create(tenant, { name: 'evented' })).json().id;
    const h = await headers(tenant);
    await svc.app.inject({
      method: 'PATCH',
      url: `${BASE}/${id}`,
      headers: { ...h, ...ANY_VERSION, 'content-type': MERGE_PATCH },
      payload: JSON.stringify({ quantity: 7 }),
    });
    await svc.app.inject({ method: 'DELETE', url: `${BASE}/${id}`, headers: { ...h, ...ANY_VERSION } });
    const { rows } = await svc.db.tenantTx(tenant, (tx) =>
      tx.query<Parameters<typeof toCloudEvent>[0]>(
        'SELECT id::text AS id, type, source, subject, data, created_at, tenant_id FROM shipshape_outbox WHERE subject = $1 ORDER BY seq',
        [id],
      ),
    );
    const events = rows.map(
      (row) => JSON.parse(JSON.stringify(toCloudEvent(row))) as Record<string, unknown>,
    );
    expect(events.map((e) => e.type)).toEqual([
      'acme.orders.order.created.v1',
      'acme.orders.order.updated.v1',
      'acme.orders.order.deleted.v1',
    ]);
    const envelope = doc.components.schemas.CloudEvent;
    for (const event of events) {
      const channel = Object.values(doc.channels).find((c) => c.address === event.type);
      expect(channel, `a channel for ${event.type}`).toBeDefined();
      const message = deref<{ payload: { $ref: string } }>(Object.values(channel!.messages)[0].$ref);
      const payload = deref<Schema>(message.payload.$ref);
      for (const attribute of envelope.required ?? [])
        expect(event, `${event.type} ${attribute}`).toHaveProperty(attribute);
      expect(event.source).toBe(envelope.properties?.source.const);
      expect(event.subject).toBe(id);
      expect(event.tenantid).toBe(tenant);
      const data = deref<Schema>(payload.allOf![1].properties!.data.$ref!);
      const members = Object.keys(event.data as object);
      expect(
        members.filter((m) => !(m in (data.properties ?? {}))),
        `${event.type}: undocumented members`,
      ).toEqual([]);
      expect(
        (data.required ?? []).filter((m) => !members.includes(m)),
        `${event.type}: missing members`,
      ).toEqual([]);
    }
  });
});
