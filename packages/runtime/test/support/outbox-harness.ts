/**
 * What every outbox integration spec sets up: one describe per database backend with a real nats-server, the
 * runtime migrations (plus the spec's own) applied, and every relay a test starts stopped afterwards.
 */
import { findNatsServer, serversRequired, startNats, type NatsServer } from '@shipshape/testing';
import { afterAll, beforeAll, describe } from 'vitest';
import type { Database } from '../../src/data/types.js';
import type { MigrationSource } from '../../src/migrations/runner.js';
import type { OutboxRelay } from '../../src/outbox/options.js';
import { startOutboxRelay } from '../../src/outbox/relay.js';
import { backends, migrate, title, type Backend, type BackendHandle } from './backends.js';

export const naming = { org: 'acme', service: 'orders' };

const nats = findNatsServer();
/** Why the outbox specs skip (nats-server absent and not required by the environment), else undefined. */
export const skipNats = !nats.available && !serversRequired() ? nats.reason : undefined;

/** Polls `check` until it holds (the relay works in the background; no fixed sleep stands in for it). */
export async function until(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
  intervalMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export interface OutboxHarness {
  readonly backend: Backend;
  /** Set in beforeAll: read them inside hooks and tests. */
  readonly handle: BackendHandle;
  readonly db: Database;
  readonly server: NatsServer;
  /** Starts a relay on the harness' database and NATS server (stopped after the file). */
  relay(extra?: Partial<Parameters<typeof startOutboxRelay>[0]>): OutboxRelay;
}

export function describeOutbox(
  name: string,
  body: (harness: OutboxHarness) => void,
  migrations: MigrationSource[] = [],
): void {
  describe.each(backends())(`${name} on $name`, (backend) => {
    describe.skipIf(backend.skip !== undefined || skipNats !== undefined)(
      skipNats ? `${backend.name} (skipped: ${skipNats})` : title(backend),
      () => {
        let handle: BackendHandle | undefined;
        let db: Database | undefined;
        let server: NatsServer | undefined;
        const relays: OutboxRelay[] = [];

        beforeAll(async () => {
          [handle, server] = await Promise.all([backend.setup(), startNats()]);
          db = await handle.open({ events: naming });
          await migrate(db, migrations);
        }, 120_000);
        afterAll(async () => {
          await Promise.all(relays.map((r) => r.stop()));
          await db?.close();
          await handle?.cleanup();
          await server?.cleanup();
        });

        const ready = <T>(value: T | undefined, what: string): T => {
          if (value === undefined) throw new Error(`outbox harness: ${what} is set in beforeAll`);
          return value;
        };
        body({
          backend,
          get handle() {
            return ready(handle, 'handle');
          },
          get db() {
            return ready(db, 'db');
          },
          get server() {
            return ready(server, 'server');
          },
          relay(extra = {}) {
            const r = startOutboxRelay({
              db: ready(db, 'db'),
              natsUrl: ready(server, 'server').url,
              naming,
              pollIntervalMs: 50,
              ...extra,
            });
            relays.push(r);
            return r;
          },
        });
      },
    );
  });
}
