import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPostgresBinDir, startPostgres, type PostgresServer } from '@shipshape/testing';
import { createDatabase, createService, loadConfig, mintDevToken, type Database } from '../src/index.js';
import { bareApp, itemsService, writeServiceDir } from './apps.js';
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
    databaseLabel = 'PostgreSQL 15 (local server, pool of 10)';
  }
  const serviceDir = await mkdtemp(join(tmpdir(), 'shipshape-bench-'));
  const events = { org: 'acme', service: 'items' };
  let db: Database | undefined;
  const stopped = new Promise<void>((resolve) => process.once('message', () => resolve()));
  try {
    await writeServiceDir(serviceDir);
    db = await createDatabase({ url: databaseUrl, events });
    const shared = db;
    const svc = await createService(
      itemsService(serviceDir),
      loadConfig({
        NODE_ENV: 'test',
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: 'warn',
        RATE_LIMIT_MAX: '10000000',
        // autocannon is one client address: the per-address budget must not turn the run into 429s.
        RATE_LIMIT_ADDRESS_MAX: '10000000',
      }),
      { database: shared },
    );
    await svc.app.listen({ port: 0, host: '127.0.0.1' });
    const runtimeBase = `http://127.0.0.1:${(svc.app.server.address() as { port: number }).port}`;

    const bare = bareApp(shared);
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const bareBase = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;

    const seeded = 'item-0001';
    await shared.query("insert into items (id, tenant_id, name) values ($1, 't1', 'seeded')", [seeded]);
    const token = await mintDevToken({ tenant: 't1', serviceName: 'items', ttl: '2h' });
    const targets: Targets = { runtimeBase, bareBase, seeded, token, databaseLabel };
    process.send?.(targets);
    await stopped;
    await bare.close();
    await svc.close();
  } finally {
    await db?.close();
    await pg?.cleanup();
    await rm(serviceDir, { recursive: true, force: true });
  }
}
