/**
 * The operator's path for dead-lettered outbox events (runbook `<service>-outbox-dead-letter`) on both
 * databases with a real nats-server: list, requeue (the relay then publishes the event) and discard, only ever
 * touching dead-lettered rows; on PostgreSQL also the exact psql command the runbook prints.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { outboxDeadLetterCommand } from '@shipshape/contracts';
import {
  findNatsServer,
  findPostgresBinDir,
  serversRequired,
  startNats,
  type NatsServer,
} from '@shipshape/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/data/types.js';
import { discardDeadLetters, listDeadLetters, requeueDeadLetters } from '../src/outbox/dead-letters.js';
import type { OutboxRelay } from '../src/outbox/options.js';
import { startOutboxRelay } from '../src/outbox/relay.js';
import { backends, migrate, title, type BackendHandle } from './support/backends.js';

const naming = { org: 'acme', service: 'orders' };
const nats = findNatsServer();
const skipNats = !nats.available && !serversRequired() ? nats.reason : undefined;
const run = promisify(execFile);

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Row {
  id: string;
  attempts: number;
  published_at: Date | null;
  dead_at: Date | null;
}

describe.each(backends())('dead-lettered outbox events on $name', (backend) => {
  describe.skipIf(backend.skip !== undefined || skipNats !== undefined)(
    skipNats ? `${backend.name} (skipped: ${skipNats})` : title(backend),
    () => {
      let handle: BackendHandle;
      let db: Database;
      let server: NatsServer;
      const relays: OutboxRelay[] = [];

      beforeAll(async () => {
        [handle, server] = await Promise.all([backend.setup(), startNats()]);
        db = await handle.open({ events: naming });
        await migrate(db);
      });
      afterAll(async () => {
        await Promise.all(relays.map((r) => r.stop()));
        await db?.close();
        await handle?.cleanup();
        await server?.cleanup();
      });

      const relay = (extra: Partial<Parameters<typeof startOutboxRelay>[0]> = {}): OutboxRelay => {
        const r = startOutboxRelay({ db, natsUrl: server.url, naming, pollIntervalMs: 50, ...extra });
        relays.push(r);
        return r;
      };
      const add = async (tenant: string, subject: string, data: unknown): Promise<string> =>
        (
          await db.tenantTx(tenant, (tx) =>
            tx.outbox.add({ entity: 'order', verb: 'created', subject, data }),
          )
        ).id;
      const row = async (id: string): Promise<Row | undefined> =>
        (
          await db.maintenanceTx((tx) =>
            tx.query<Row>(
              'select id::text as id, attempts, published_at, dead_at from shipshape_outbox where id = $1',
              [id],
            ),
          )
        ).rows[0];
      /** Events over a 2 000-byte limit, dead-lettered by a relay running with that limit, which then stops. */
      const deadLettered = async (tenant: string, count: number): Promise<string[]> => {
        const ids: string[] = [];
        for (let i = 0; i < count; i++) ids.push(await add(tenant, `s-${i}`, { blob: 'x'.repeat(5_000) }));
        const strict = relay({ maxEventBytes: 2_000 });
        await until(async () => (await strict.pending()) === 0, 20_000, 'the events to be dead-lettered');
        await strict.stop();
        for (const id of ids) expect((await row(id))?.dead_at, id).not.toBeNull();
        return ids;
      };

      it('lists dead-lettered events with the reason and size; requeued, the relay publishes them', async () => {
        const [id] = await deadLettered('requeue', 1);
        const listed = (await listDeadLetters(db)).find((d) => d.id === id);
        expect(listed).toMatchObject({ id, tenant_id: 'requeue', subject: 's-0', attempts: 0 });
        expect(listed?.last_error).toMatch(/exceeds the limit of 2000 bytes/);
        expect(listed?.data_bytes).toBeGreaterThan(5_000);

        // The cause fixed (a relay with the default limit), the operator requeues it.
        const r = relay();
        expect(await requeueDeadLetters(db, [id])).toEqual([id]);
        await until(async () => (await row(id))?.published_at != null, 20_000, 'the requeued event');
        expect(await row(id)).toMatchObject({ dead_at: null, attempts: 1 });
        expect((await listDeadLetters(db)).map((d) => d.id)).not.toContain(id);
        await r.stop();
      });

      it('requeues and discards only dead-lettered rows', async () => {
        const [dead] = await deadLettered('discard', 1);
        const published = await add('discard', 'ok', { small: true });
        const r = relay();
        await until(async () => (await row(published))?.published_at != null, 20_000, 'the small event');
        await r.stop();
        expect(await requeueDeadLetters(db, [published])).toEqual([]);
        expect(await discardDeadLetters(db, [published])).toEqual([]);
        expect(await row(published)).toBeDefined();
        expect(await discardDeadLetters(db, [dead])).toEqual([dead]);
        expect(await row(dead)).toBeUndefined();
        expect(await discardDeadLetters(db, [dead])).toEqual([]);
      });

      it.skipIf(backend.name !== 'postgres')("the runbook's psql commands list and requeue", async () => {
        const [first, second] = await deadLettered('psql', 2);
        const bin = findPostgresBinDir();
        const shell = (cmd: string) =>
          run('bash', ['-c', cmd], {
            env: {
              PATH: `${bin.available ? bin.path : ''}:${process.env.PATH ?? ''}`,
              DATABASE_URL: handle.url,
              HOME: process.env.HOME,
            },
          });
        const listed = await shell(outboxDeadLetterCommand('list'));
        expect(listed.stdout).toContain(first);
        expect(listed.stdout).toContain(second);
        expect(listed.stdout).toMatch(/exceeds the limit of 2000 bytes/);

        const requeued = await shell(outboxDeadLetterCommand('requeue', `{${first}}`));
        expect(requeued.stdout).toContain(first);
        expect(await row(first)).toMatchObject({ dead_at: null, attempts: 0, published_at: null });
        expect((await row(second))?.dead_at).not.toBeNull();

        const discarded = await shell(outboxDeadLetterCommand('discard', `{${second}}`));
        expect(discarded.stdout).toContain(second);
        expect(await row(second)).toBeUndefined();
      });
    },
  );
});
