/**
 * Issue 9 §4 on a real PostgreSQL 15 (PGlite has one superuser and no roles to get wrong): the role that
 * serves requests must not be able to leave its tenant. A superuser, BYPASSRLS or CREATEROLE login stops
 * start-up with one line; the two-role set-up (owner migrates, a NOINHERIT login serves) works end to end
 * and the login role cannot reset into the owner or read a table outside a tenant transaction.
 */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/data/types.js';
import type { ServiceApp } from '../src/service/service.js';
import { startService } from '../src/service/start.js';
import { postgresBackend, title, type BackendHandle } from './support/backends.js';
import { mintDevToken } from '../src/auth/auth.js';
import { notesDefinition, writeNotesServiceDir } from './support/notes-service.js';

const backend = postgresBackend();
const SECRET = 'a-production-hs256-secret-of-at-least-32-bytes';

describe.skipIf(backend.skip !== undefined)(`login role checks on ${title(backend)}`, () => {
  let handle: BackendHandle;
  let admin: Database;
  let serviceDir: string;
  const services: ServiceApp[] = [];

  const urlAs = (user: string, database: string): string => {
    const url = new URL(handle.url as string);
    url.username = user;
    url.pathname = `/${database}`;
    return url.toString();
  };

  async function start(env: Record<string, string>) {
    const lines: string[] = [];
    const codes: number[] = [];
    const svc = await startService(notesDefinition(serviceDir), {
      env: { NODE_ENV: 'production', AUTH_DEV_SECRET: SECRET, LOG_LEVEL: 'silent', PORT: '0', ...env },
      stderr: { write: (l: string) => lines.push(l) },
      exit: (code) => codes.push(code),
      handleSignals: false,
    });
    if (svc) services.push(svc);
    return { svc, lines, codes };
  }

  beforeAll(async () => {
    [handle, serviceDir] = await Promise.all([backend.setup(), writeNotesServiceDir()]);
    admin = await handle.open();
    // What a DBA runs once (README "Two roles"): the cluster-wide app role, the owner, the request login.
    await admin.exec(`
      create role shipshape_app nologin;
      create role orders_owner login;
      create role orders_app login noinherit;
      grant shipshape_app to orders_owner;
      grant shipshape_app to orders_app;
      create role too_strong_bypass login bypassrls;
      create role too_strong_createrole login createrole;
    `);
    await admin.exec('create database orders owner orders_owner');
  });
  afterAll(async () => {
    for (const s of services) await s.close().catch(() => undefined);
    await admin?.close();
    await handle?.cleanup();
    if (serviceDir) await rm(serviceDir, { recursive: true, force: true });
  });

  it.each([
    ['postgres', 'a superuser'],
    ['too_strong_bypass', 'BYPASSRLS'],
    ['too_strong_createrole', 'CREATEROLE'],
  ])('refuses to start when DATABASE_URL logs in as %s (%s)', async (user, power) => {
    const { svc, lines, codes } = await start({
      DATABASE_URL: urlAs(user, 'orders'),
      DATABASE_MIGRATION_URL: urlAs('orders_owner', 'orders'),
    });
    expect(svc).toBeUndefined();
    expect(codes).toEqual([1]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`orders: DATABASE_URL logs in as "${user}" (${power}`);
  });

  it('two roles: the owner migrates, a NOINHERIT login serves and cannot leave its tenant', async () => {
    const { svc, lines } = await start({
      DATABASE_URL: urlAs('orders_app', 'orders'),
      DATABASE_MIGRATION_URL: urlAs('orders_owner', 'orders'),
    });
    expect(lines).toEqual([]);
    if (!svc) throw new Error('the service did not start');
    const mint = async (tenant: string) =>
      `Bearer ${await mintDevToken({ tenant, serviceName: 'orders', secret: SECRET })}`;
    for (const tenant of ['t1', 't2']) {
      const res = await svc.app.inject({
        method: 'POST',
        url: '/api/v1/notes',
        headers: { authorization: await mint(tenant), 'idempotency-key': `k-${tenant}` },
        payload: { body: `note of ${tenant}` },
      });
      expect(res.statusCode).toBe(201);
    }
    // Maintenance work (the outbox gauge) runs on the owner's pool and sees every tenant.
    const metrics = await svc.app.inject({ url: '/metrics' });
    expect(metrics.body).toMatch(/outbox_pending_events(\{[^}]*\})? 2/);

    const owns = await svc.db.query<{ n: string }>(
      `select count(*)::text as n from pg_tables where tableowner = current_user`,
    );
    expect(owns.rows[0].n).toBe('0');
    // Outside a tenant transaction the login role reads nothing at all.
    await expect(svc.db.query('select * from notes')).rejects.toThrow(/permission denied/);
    // Inside one, resetting the role or switching to the owner does not get out.
    await expect(svc.db.tenantTx('t1', (tx) => tx.exec('reset role; select * from notes'))).rejects.toThrow(
      /permission denied/,
    );
    await expect(svc.db.tenantTx('t1', (tx) => tx.exec('set role orders_owner'))).rejects.toThrow(
      /permission denied/,
    );
    // The maintenance switch means nothing to the request role: still only its own tenant's rows.
    const outbox = await svc.db.tenantTx('t1', async (tx) => {
      await tx.query(`select set_config('app.maintenance', 'on', true)`);
      return tx.query<{ tenant_id: string }>('select tenant_id from shipshape_outbox');
    });
    expect(outbox.rows).toEqual([{ tenant_id: 't1' }]);
    // Nor does rebinding the tenant: RLS trusts app.tenant_id only with its signature, whose key the login
    // role cannot read — not as the app role, not after resetting to itself.
    const switched = await svc.db.tenantTx('t1', async (tx) => {
      await tx.query(`select set_config('app.tenant_id', 't2', true)`);
      return tx.query<{ body: string }>('select body from notes');
    });
    expect(switched.rows).toEqual([]);
    for (const sql of [
      'select key from shipshape_tenant_key',
      'reset role; select key from shipshape_tenant_key',
    ])
      await expect(svc.db.tenantTx('t1', (tx) => tx.exec(sql))).rejects.toThrow(/permission denied/);
    await expect(svc.db.query('select key from shipshape_tenant_key')).rejects.toThrow(/permission denied/);
  });
});
