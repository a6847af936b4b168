import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNatsServer, findPostgresBinDir, serversRequired } from './binaries.js';
import { startNats, type NatsServer } from './nats.js';
import { startPostgres, type PostgresServer } from './postgres.js';
import { startServers } from './servers.js';

const pgBin = findPostgresBinDir();
const natsBin = findNatsServer();
const skipPg = !pgBin.available && !serversRequired();
const skipNats = !natsBin.available && !serversRequired();

async function selectOne(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>('select 1::int as n');
    return rows[0].n;
  } finally {
    await client.end();
  }
}

describe.skipIf(skipPg)(
  `startPostgres${skipPg && !pgBin.available ? ` (skipped: ${pgBin.reason})` : ''}`,
  () => {
    let server: PostgresServer;
    beforeAll(async () => {
      server = await startPostgres();
    }, 60_000);
    afterAll(async () => server?.cleanup());

    it('serves SQL on 127.0.0.1 at the returned URL', async () => {
      expect(server.url).toBe(`postgres://postgres@127.0.0.1:${server.port}/postgres`);
      expect(await selectOne(server.url)).toBe(1);
    });

    it('creates isolated databases', async () => {
      const url = await server.createDatabase('spec_db');
      expect(url.endsWith('/spec_db')).toBe(true);
      expect(await selectOne(url)).toBe(1);
      await expect(server.createDatabase('Bad-Name')).rejects.toThrow('must match');
    });

    it('stops and restarts on the same port keeping the data', async () => {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      await client.query('create table kept (v int); insert into kept values (42)');
      await client.end();

      await server.stop();
      expect(server.running).toBe(false);
      await expect(selectOne(server.url)).rejects.toThrow(/ECONNREFUSED|connect/);

      await server.start();
      expect(server.running).toBe(true);
      const again = new pg.Client({ connectionString: server.url });
      await again.connect();
      const { rows } = await again.query<{ v: number }>('select v from kept');
      await again.end();
      expect(rows).toEqual([{ v: 42 }]);
    }, 60_000);
  },
);

describe.skipIf(skipNats)(
  `startNats${skipNats && !natsBin.available ? ` (skipped: ${natsBin.reason})` : ''}`,
  () => {
    let server: NatsServer;
    beforeAll(async () => {
      server = await startNats();
    }, 30_000);
    afterAll(async () => server?.cleanup());

    it('accepts clients with JetStream enabled, stops and restarts on the same port', async () => {
      const nc = await connect({ servers: server.url, reconnect: false });
      const info = nc.info;
      expect(info?.jetstream).toBe(true);
      await nc.close();

      await server.stop();
      expect(server.running).toBe(false);
      await expect(connect({ servers: server.url, reconnect: false, timeout: 500 })).rejects.toThrow();

      await server.start();
      const again = await connect({ servers: server.url, reconnect: false });
      expect(again.info?.port).toBe(server.port);
      await again.close();
    }, 30_000);
  },
);

describe.skipIf(skipPg || skipNats)('startServers', () => {
  it('starts both servers, exposes their URLs as env and tears them down', async () => {
    const servers = await startServers({ postgres: true, nats: true });
    try {
      expect(servers.env.DATABASE_URL).toBe(servers.postgres?.url);
      expect(servers.env.NATS_URL).toBe(servers.nats?.url);
      expect(await selectOne(servers.env.DATABASE_URL as string)).toBe(1);
    } finally {
      await servers.teardown();
    }
    expect(servers.postgres?.running).toBe(false);
    expect(servers.nats?.running).toBe(false);
    const { existsSync } = await import('node:fs');
    expect(existsSync(servers.postgres?.dir as string)).toBe(false);
  }, 60_000);

  it('starts nothing when asked for nothing', async () => {
    const servers = await startServers({});
    expect(servers.env).toEqual({});
    await servers.teardown();
  });
});
