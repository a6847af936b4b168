import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/data/types.js';
import { claimAndHold } from '../src/idempotency/claim.js';
import { holdTenantTx } from '../src/idempotency/held-tx.js';
import { IdempotencyStore, type KeyScope } from '../src/idempotency/store.js';
import { backends, migrate, NOTES_MIGRATIONS, title, type BackendHandle } from './support/backends.js';

const scopeOf = (key: string): KeyScope => ({
  tenantId: 'held-t1',
  principal: 'user-1',
  method: 'POST',
  route: '/api/v1/notes',
  key,
});
const response = { status: 201, headers: { 'content-type': 'application/json' }, body: Buffer.from('{}') };

describe.each(backends())('the held idempotent transaction on $name', (backend) => {
  describe.skipIf(backend.skip !== undefined)(title(backend), () => {
    let handle: BackendHandle;
    let db: Database;
    let store: IdempotencyStore;
    const tenant = { id: 'held-t1' };
    const countNotes = async (body: string) =>
      (
        await db.tenantTx(tenant, (tx) =>
          tx.query<{ n: number }>('select count(*)::int as n from notes where body = $1', [body]),
        )
      ).rows[0].n;

    beforeAll(async () => {
      handle = await backend.setup();
      db = await handle.open({ pool: { max: 3, connectionTimeoutMs: 60_000 } });
      await migrate(db, [{ source: 'service', dir: NOTES_MIGRATIONS }]);
      store = new IdempotencyStore(db);
    }, 120_000);
    afterAll(async () => {
      await db?.close();
      await handle?.cleanup();
    });

    it('claims and locks in one go; a duplicate answers in flight at once instead of waiting for the lock', async () => {
      const scope = scopeOf(`k-${randomUUID()}`);
      const first = await claimAndHold(db, store, tenant, scope, 'fp');
      expect(first.outcome).toBe('claimed');
      // PostgreSQL: the transaction is open and holds the claim row; PGlite: it opens at the first withTenant.
      expect(first.held !== undefined).toBe(backend.name === 'postgres');
      if (first.held) {
        const second = await claimAndHold(db, store, tenant, scope, 'fp');
        expect(second.outcome).toBe('in_flight');
        const other = await claimAndHold(db, store, tenant, scope, 'other payload');
        expect(other.outcome).toBe('mismatch');
        const held = first.held;
        await held.tx.query(`insert into notes values ($1, $2, 'held claim')`, [randomUUID(), tenant.id]);
        if (first.outcome !== 'claimed') throw new Error('unreachable');
        await held.commit((tx) => store.completeIn(tx, scope, first.token, response));
        const replay = await claimAndHold(db, store, tenant, scope, 'fp');
        expect(replay.outcome).toBe('replay');
        expect(await countNotes('held claim')).toBe(1);
      }
    });

    it('a response whose claim is not this one fails the commit: nothing of the handler is kept', async () => {
      const scope = scopeOf(`k-${randomUUID()}`);
      const claim = await store.claim(scope, 'fp');
      expect(claim.outcome).toBe('claimed');
      const held = await holdTenantTx(db, tenant);
      await held.tx.query(`insert into notes values ($1, $2, 'lost claim')`, [randomUUID(), tenant.id]);
      // On PostgreSQL COMMIT travels right behind this statement: it must fail, not merely update no row.
      await expect(held.commit((tx) => store.completeIn(tx, scope, randomUUID(), response))).rejects.toThrow(
        /claim was lost/,
      );
      expect(await countNotes('lost claim')).toBe(0);
    });
  });
});
