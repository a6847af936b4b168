import { randomUUID } from 'node:crypto';
import type { Database, TenantRef } from '../data/types.js';
import { problem } from '../errors/problem.js';
import { holdTenantTx, type HeldTransaction } from './held-tx.js';
import type { ClaimResult, IdempotencyStore, KeyScope } from './store.js';

const takenOver = () =>
  problem('IDEMPOTENCY_KEY_IN_FLIGHT', {
    detail: 'Another request with this Idempotency-Key took over; retry to get its response',
    headers: { 'retry-after': '1' },
  });

/** Opens the handler's transaction and locks the claim row in it; refuses a claim taken over meanwhile. */
export async function openClaimedTx(
  db: Database,
  store: IdempotencyStore,
  tenant: TenantRef,
  scope: KeyScope,
  token: string,
): Promise<HeldTransaction> {
  const held = await holdTenantTx(db, tenant);
  let ours: boolean;
  try {
    ours = await store.lockClaim(held.tx, scope, token);
  } catch (err) {
    await held.rollback();
    throw err;
  }
  if (!ours) {
    await held.rollback();
    throw takenOver();
  }
  return held;
}

/**
 * The claim, committed on its own, and the handler's transaction with the claim row locked, in one round
 * trip (one write on PostgreSQL: claim + takeover + read, BEGIN, tenant setup, lock). A request that did not
 * get the claim rolls that transaction back without waiting for it and answers from the row it read. Falls
 * back to the claim alone (the transaction then opens at the first withTenant) when the row it lost to
 * vanished meanwhile, and on PGlite. On PostgreSQL the pool connection is held from here, not from the
 * handler's first withTenant.
 */
export async function claimAndHold(
  db: Database,
  store: IdempotencyStore,
  tenant: TenantRef,
  scope: KeyScope,
  fingerprint: string,
): Promise<ClaimResult & { held?: HeldTransaction }> {
  // PGlite is one connection: a transaction held from here would stall every other request for as long as
  // the handler works before its first withTenant. There is no round trip to save either.
  if (db.kind !== 'postgres') return store.claim(scope, fingerprint);
  const token = randomUUID();
  let held: HeldTransaction;
  try {
    held = await holdTenantTx(db, tenant, {
      prelude: store.claimStatements(scope, fingerprint, token),
      opening: store.lockStatement(scope, token),
    });
  } catch (err) {
    // The claim may have committed before the transaction failed: give it back (no effect was committed).
    await store.release(scope, token).catch(() => undefined);
    throw err;
  }
  const result = store.claimOutcome(token, fingerprint, held.prelude);
  if (result?.outcome === 'claimed' && store.locked(held.opening, token)) return { ...result, held };
  void held.rollback();
  // Claimed but not locked: taken over between the two (its lease ran out meanwhile); the new holder answers.
  if (result?.outcome === 'claimed') throw takenOver();
  return result ?? store.claim(scope, fingerprint);
}
