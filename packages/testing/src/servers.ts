import { startNats, type NatsServer } from './nats.js';
import { startPostgres, type PostgresServer } from './postgres.js';

export interface TestServers {
  postgres?: PostgresServer;
  nats?: NatsServer;
  /** `DATABASE_URL` / `NATS_URL` of the started servers, ready to pass to a service's config. */
  env: { DATABASE_URL?: string; NATS_URL?: string };
  /** Stops every server and deletes its throwaway directory. */
  teardown(): Promise<void>;
}

/**
 * Starts the requested servers in parallel; if one fails the others are cleaned up. Shaped for a Vitest
 * globalSetup:
 *
 * ```ts
 * export default async function setup({ provide }) {
 *   const servers = await startServers({ postgres: true, nats: true });
 *   provide('databaseUrl', servers.env.DATABASE_URL);
 *   return servers.teardown;
 * }
 * ```
 */
export async function startServers(options: { postgres?: boolean; nats?: boolean }): Promise<TestServers> {
  const [pg, nats] = await Promise.allSettled([
    options.postgres ? startPostgres() : Promise.resolve(undefined),
    options.nats ? startNats() : Promise.resolve(undefined),
  ]);
  const postgres = pg.status === 'fulfilled' ? pg.value : undefined;
  const broker = nats.status === 'fulfilled' ? nats.value : undefined;
  const teardown = async (): Promise<void> => {
    await Promise.all([postgres?.cleanup(), broker?.cleanup()]);
  };
  const failed = [pg, nats].find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await teardown();
    throw failed.reason;
  }
  return {
    postgres,
    nats: broker,
    env: {
      ...(postgres ? { DATABASE_URL: postgres.url } : {}),
      ...(broker ? { NATS_URL: broker.url } : {}),
    },
    teardown,
  };
}
