import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken } from '../auth/auth.js';
import { loadConfig } from '../config/config.js';
import { createDatabase } from '../data/database.js';
import type { Database } from '../data/types.js';
import { problem } from '../errors/problem.js';
import { standardRegistryEntries } from '../errors/registry.js';
import { createService, type ServiceApp, type ServiceDefinition } from './service.js';
import { startService } from './start.js';

const MIGRATION = `
CREATE TABLE orders (
  id        text PRIMARY KEY,
  tenant_id text NOT NULL,
  sku       text NOT NULL
);
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON orders
  USING (tenant_id = (SELECT shipshape_current_tenant()))
  WITH CHECK (tenant_id = (SELECT shipshape_current_tenant()));
GRANT SELECT, INSERT, UPDATE, DELETE ON orders TO shipshape_app;
`;

let serviceDir: string;
let db: Database;
let svc: ServiceApp;
let nextId = 0;

function definition(dir: string, extra: Partial<ServiceDefinition> = {}): ServiceDefinition {
  return {
    name: 'orders',
    org: 'acme',
    version: '1.2.3',
    serviceDir: dir,
    routes: (api) => {
      api.post(
        '/orders',
        {
          schema: {
            body: {
              type: 'object',
              required: ['sku'],
              additionalProperties: false,
              properties: { sku: { type: 'string', minLength: 1 } },
            },
          },
        },
        async (request, reply) => {
          const { sku } = request.body as { sku: string };
          const id = `o-${++nextId}`;
          const row = await api.withTenant(request, async (tx) => {
            const { rows } = await tx.query<{ id: string; sku: string }>(
              'insert into orders (id, tenant_id, sku) values ($1, $2, $3) returning id, sku',
              [id, tx.tenantId, sku],
            );
            await tx.audit.record({
              action: 'order.created',
              entity: 'order',
              entityId: id,
              before: null,
              after: rows[0],
            });
            return rows[0];
          });
          return reply.code(201).header('location', `/api/v1/orders/${id}`).send(row);
        },
      );
      api.get('/orders/:id', async (request) => {
        const { id } = request.params as { id: string };
        const row = await api.withTenant(request, async (tx) => {
          // No tenant filter on purpose: RLS must hide other tenants' rows.
          return (await tx.query('select id, sku from orders where id = $1', [id])).rows[0];
        });
        if (!row) throw problem('ORDER_NOT_FOUND', { detail: `No order ${id}` });
        return row;
      });
      api.get('/orders', async (request) =>
        api.withTenant(request, async (tx) => (await tx.query('select id from orders order by id')).rows),
      );
    },
    ...extra,
  };
}

async function writeServiceDir(dir: string, codes = standardRegistryEntries('acme', 'orders')) {
  await mkdir(join(dir, 'errors'), { recursive: true });
  await mkdir(join(dir, 'migrations'), { recursive: true });
  await writeFile(
    join(dir, 'errors', 'error-codes.yaml'),
    stringify({
      org: 'acme',
      service: 'orders',
      codes: [
        ...codes.map(({ code, status, title }) => ({ code, status, title })),
        { code: 'ACME.ORDERS.ORDER_NOT_FOUND', status: 404, title: 'Order not found' },
      ],
    }),
  );
  await writeFile(join(dir, 'migrations', '0001_orders.sql'), MIGRATION);
}

beforeAll(async () => {
  serviceDir = await mkdtemp(join(tmpdir(), 'shipshape-service-'));
  await writeServiceDir(serviceDir);
  db = await createDatabase({ url: 'memory://', events: { org: 'acme', service: 'orders' } });
  svc = await createService(definition(serviceDir), loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), {
    database: db,
  });
}, 60_000);

afterAll(async () => {
  await svc?.close();
  await db?.close();
  await rm(serviceDir, { recursive: true, force: true });
});

const bearer = async (tenant: string) => `Bearer ${await mintDevToken({ tenant, serviceName: 'orders' })}`;

describe('createService', () => {
  it('serves business routes with auth, idempotency, tenancy and problem codes from the registry', async () => {
    const a = await bearer('tenant-a');
    const b = await bearer('tenant-b');
    const create = (key: string | undefined, auth = a) =>
      svc.app.inject({
        method: 'POST',
        url: '/api/v1/orders',
        headers: { authorization: auth, ...(key ? { 'idempotency-key': key } : {}) },
        payload: { sku: 'sku-1' },
      });

    const missing = await create(undefined);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().code).toBe('ACME.ORDERS.IDEMPOTENCY_KEY_MISSING');

    const first = await create('key-1');
    expect(first.statusCode).toBe(201);
    const replay = await create('key-1');
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toBe(first.body);

    const id = first.json().id as string;
    const mine = await svc.app.inject({ url: `/api/v1/orders/${id}`, headers: { authorization: a } });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toEqual({ id, sku: 'sku-1' });

    // Another tenant's resource answers exactly like a missing one.
    const theirs = await svc.app.inject({ url: `/api/v1/orders/${id}`, headers: { authorization: b } });
    const absent = await svc.app.inject({ url: '/api/v1/orders/o-none', headers: { authorization: b } });
    expect(theirs.statusCode).toBe(404);
    expect(absent.statusCode).toBe(404);
    const strip = (body: Record<string, unknown>) => ({
      ...body,
      detail: undefined,
      instance: undefined,
      traceId: undefined,
    });
    expect(strip(theirs.json())).toEqual(strip(absent.json()));
    expect(theirs.json().code).toBe('ACME.ORDERS.ORDER_NOT_FOUND');
    expect((await svc.app.inject({ url: '/api/v1/orders', headers: { authorization: b } })).json()).toEqual(
      [],
    );

    // The audit row carries the subject and the trace id of the request.
    const audit = await db.maintenanceTx((tx) =>
      tx.query<{ actor: string; trace_id: string }>(
        'select actor, trace_id from shipshape_audit_log where entity_id = $1',
        [id],
      ),
    );
    expect(audit.rows).toEqual([
      { actor: 'dev-user@tenant-a', trace_id: String(first.headers.traceresponse).split('-')[1] },
    ]);
  });

  it('readiness checks the database; /health shows it with the version', async () => {
    const ready = await svc.app.inject({ url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks.database.status).toBe('up');
    const health = (await svc.app.inject({ url: '/health' })).json();
    expect(health).toMatchObject({ status: 'ok', service: 'orders', version: '1.2.3' });
    const metrics = (await svc.app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/db_pool_connections\{state="total",service="orders"\} \d+/);
  });

  it('an invalid error registry stops start-up with one line naming the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shipshape-badreg-'));
    try {
      await writeServiceDir(
        dir,
        standardRegistryEntries('acme', 'orders').filter((e) => e.shortCode !== 'RATE_LIMITED'),
      );
      await expect(
        createService(definition(dir), loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), {
          database: db,
        }),
      ).rejects.toThrow(/error-codes.yaml: standard code ACME.ORDERS.RATE_LIMITED is missing$/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a bad definition naming the field', async () => {
    await expect(createService({ ...definition(serviceDir), name: 'Bad Name' })).rejects.toThrow(
      /definition "name"/,
    );
  });
});

describe('startService', () => {
  it('a bad environment value prints one line naming the variable and exits 1', async () => {
    const lines: string[] = [];
    const codes: number[] = [];
    const result = await startService(definition(serviceDir), {
      env: { PORT: 'eighty' },
      stderr: { write: (l: string) => lines.push(l) },
      exit: (code) => codes.push(code),
      handleSignals: false,
    });
    expect(result).toBeUndefined();
    expect(codes).toEqual([1]);
    expect(lines).toEqual(['orders: PORT: expected an integer, got "eighty"\n']);
  });

  it('an unreachable database is one line naming the problem, exit 1', async () => {
    const lines: string[] = [];
    const codes: number[] = [];
    await startService(definition(serviceDir), {
      env: {
        NODE_ENV: 'test',
        DATABASE_URL: 'postgres://shipshape@127.0.0.1:1/nowhere',
        LOG_LEVEL: 'silent',
      },
      stderr: { write: (l: string) => lines.push(l) },
      exit: (code) => codes.push(code),
      handleSignals: false,
    });
    expect(codes).toEqual([1]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^orders: .*(ECONNREFUSED|unavailable)/);
  });

  it('listens; close() fails readiness for SHUTDOWN_DELAY_MS, then stops accepting and drains in-flight requests', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const logLines: string[] = [];
    const started = await startService(
      definition(serviceDir, {
        routes: (api) => {
          api.get('/slow', async () => {
            await gate;
            return { done: true };
          });
        },
      }),
      {
        env: { NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', SHUTDOWN_DELAY_MS: '2000' },
        database: db,
        handleSignals: false,
        logStream: new Writable({
          write(chunk, _e, cb) {
            logLines.push(String(chunk));
            cb();
          },
        }),
        exit: () => {
          throw new Error('unexpected exit');
        },
      },
    );
    expect(started).toBeDefined();
    const s = started as ServiceApp;
    const address = s.app.server.address() as { port: number };
    const base = `http://127.0.0.1:${address.port}`;
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);

    const inFlight = fetch(`${base}/api/v1/slow`, { headers: { authorization: await bearer('t1') } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = s.close();
    // During SHUTDOWN_DELAY_MS readiness answers 503 over HTTP while the API still serves.
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(503);
    expect(ready.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    expect(s.state.accepting).toBe(true);
    // Then the drain: no new connections, the in-flight request still completes.
    while (s.state.accepting) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(s.app.server.listening).toBe(false);
    release();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ done: true });
    expect(res.headers.get('connection')).toBe('close');
    await closing;
    expect(logLines.some((l) => l.includes('"msg":"Server listening'))).toBe(true);
    // Every line is JSON with the service name.
    for (const line of logLines.join('').trim().split('\n')) expect(JSON.parse(line).service).toBe('orders');
  });
});
