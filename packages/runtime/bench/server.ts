import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPostgresBinDir, startPostgres, type PostgresServer } from '@shipshape/testing';
import { createDatabase, createService, loadConfig, mintDevToken, type Database } from '../src/index.js';
import { bareApp, itemsService, writeServiceDir } from './apps.js';
import { startProfile } from './profiler.js';
import type { Targets } from './scenarios.js';

/**
 * The server process (`bench.ts --serve`): the database, the runtime service and the bare Fastify baseline;
 * sends the driver their URLs (Targets) and serves until the driver's message says stop.
 */
export async function serve(): Promise<void> {
  let pg: PostgresServer | undefined;
  let databaseUrl = 'memory://';
  let databaseLabel = 'PGlite (in-memory, single connection)';
  if (findPostgresBinDir().available) {
    pg = await startPostgres({ settings: { max_connections: '100' } });
    databaseUrl = await pg.createDatabase('bench');
  }
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    // The production level: one line per request reaches stdout (the driver sends it to /dev/null).
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    // One pool for both sides (the bare app queries the same Database), sized from config as in production.
    DATABASE_POOL_MAX: process.env.BENCH_POOL_MAX ?? '20',
    RATE_LIMIT_MAX: '10000000',
    // autocannon is one client address: the per-address budget must not turn the run into 429s.
    RATE_LIMIT_ADDRESS_MAX: '10000000',
  });
  if (pg) databaseLabel = `PostgreSQL 15 (local server, pool of ${config.database.poolMax})`;
  const serviceDir = await mkdtemp(join(tmpdir(), 'shipshape-bench-'));
  const events = { org: 'acme', service: 'items' };
  let db: Database | undefined;
  const stopped = new Promise<void>((resolve) => process.once('message', () => resolve()));
  try {
    await writeServiceDir(serviceDir);
    db = await createDatabase({
      url: databaseUrl,
      events,
      pool: {
        max: config.database.poolMax,
        statementTimeoutMs: config.database.statementTimeoutMs,
        idleInTransactionTimeoutMs: config.database.idleInTransactionTimeoutMs,
      },
    });
    const shared = db;
    const svc = await createService(itemsService(serviceDir), config, { database: shared });
    await svc.app.listen({ port: 0, host: '127.0.0.1' });
    const runtimeBase = `http://127.0.0.1:${(svc.app.server.address() as { port: number }).port}`;

    const bare = bareApp(shared);
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const bareBase = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;

    const seeded = 'item-0001';
    await shared.query("insert into items (id, tenant_id, name) values ($1, 't1', 'seeded')", [seeded]);
    const token = await mintDevToken({ tenant: 't1', serviceName: 'items', ttl: '2h' });
    const targets: Targets = { runtimeBase, bareBase, seeded, token, databaseLabel };
    const stopProfile = await startProfile(process.env.BENCH_CPU_PROF);
    process.send?.(targets);
    await stopped;
    await stopProfile();
    await bare.close();
    await svc.close();
  } finally {
    await db?.close();
    await pg?.cleanup();
    await rm(serviceDir, { recursive: true, force: true });
  }
}
