import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../data/types.js';

export interface KeyScope {
  tenantId: string;
  /** Who asked: the token's `sub` (or client id). A key never crosses principals. */
  principal: string;
  method: string;
  /** Route template (`/api/v1/orders/:id/cancel`), not the concrete URL. */
  route: string;
  key: string;
}

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export type ClaimResult =
  | { outcome: 'claimed'; token: string }
  | { outcome: 'replay'; response: StoredResponse }
  | { outcome: 'in_flight' }
  | { outcome: 'mismatch' };

interface KeyRow {
  fingerprint: string;
  state: 'in_flight' | 'completed';
  response_status: number | null;
  response_headers: Record<string, string> | null;
  response_body: Uint8Array | null;
}

const CLAIM_SQL = `
insert into shipshape_idempotency_keys as k
  (tenant_id, principal, method, route, idempotency_key, fingerprint, state, claim_token, lease_until, expires_at)
values ($1, $2, $3, $4, $5, $6, 'in_flight', $7::uuid,
        now() + $8::int * interval '1 millisecond', now() + $9::bigint * interval '1 millisecond')
on conflict (tenant_id, principal, method, route, idempotency_key) do update
  set fingerprint = excluded.fingerprint, state = 'in_flight', claim_token = excluded.claim_token,
      lease_until = excluded.lease_until, expires_at = excluded.expires_at, created_at = now(),
      response_status = null, response_headers = null, response_body = null
  where k.expires_at <= now()
     or (k.state = 'in_flight' and k.lease_until <= now() and k.fingerprint = excluded.fingerprint)
returning claim_token::text as token`;

const KEY_WHERE = 'tenant_id = $1 and principal = $2 and method = $3 and route = $4 and idempotency_key = $5';

const READ_SQL = `
select fingerprint, state, response_status, response_headers, response_body
  from shipshape_idempotency_keys
 where ${KEY_WHERE}`;

/** Locks the claim row for the rest of the handler's transaction: no takeover can happen while it runs. */
const LOCK_SQL = `
select claim_token::text as token, state from shipshape_idempotency_keys where ${KEY_WHERE} for update`;

const COMPLETE_SQL = `
update shipshape_idempotency_keys
   set state = 'completed', response_status = $7, response_headers = $8::jsonb, response_body = $9,
       lease_until = null
 where ${KEY_WHERE} and claim_token = $6::uuid and state = 'in_flight'`;

export interface IdempotencyStoreOptions {
  /** How long a key is remembered (default 24 h). */
  ttlMs?: number;
  /**
   * How long an in-flight claim blocks retries (default 60 s). A claim whose holder crashed is taken over
   * after this by a retry with the same payload, so a lost process never blocks a key for 24 h.
   */
  leaseMs?: number;
}

export const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_LEASE_MS = 60 * 1000;

function keyParams(scope: KeyScope): unknown[] {
  return [scope.tenantId, scope.principal, scope.method, scope.route, scope.key];
}

/**
 * Idempotency keys in the database, so every instance on one database agrees. Each step (claim, complete,
 * release) is one tenant-scoped statement batch (`db.tenantStatements`: RLS applies, one round trip on
 * PostgreSQL, atomic). The claim is one INSERT … ON CONFLICT, which PostgreSQL serialises on the primary
 * key, so of N concurrent claims exactly one wins; the read of the winning row rides in the same batch.
 */
export class IdempotencyStore {
  readonly ttlMs: number;
  readonly leaseMs: number;

  constructor(
    private readonly db: Database,
    options: IdempotencyStoreOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    if (!Number.isInteger(this.ttlMs) || this.ttlMs <= 0)
      throw new TypeError('idempotency: option "ttlMs" must be a positive integer');
    if (!Number.isInteger(this.leaseMs) || this.leaseMs <= 0 || this.leaseMs > 2_000_000_000) {
      throw new TypeError('idempotency: option "leaseMs" must be a positive integer (ms)');
    }
  }

  async claim(scope: KeyScope, fingerprint: string): Promise<ClaimResult> {
    const token = randomUUID();
    const params = keyParams(scope);
    // Two attempts: a row deleted by the cleanup job between the INSERT and the SELECT is simply claimed again.
    for (let attempt = 0; attempt < 2; attempt++) {
      // The claim and the read of the row it lost to, one tenant-scoped implicit transaction: one round trip.
      const [claimed, read] = await this.db.tenantStatements(scope.tenantId, [
        { sql: CLAIM_SQL, params: [...params, fingerprint, token, this.leaseMs, this.ttlMs] },
        { sql: READ_SQL, params },
      ]);
      if ((claimed.rows[0] as { token?: string } | undefined)?.token === token)
        return { outcome: 'claimed', token };
      const result = read.rows[0] as unknown as KeyRow | undefined;
      if (result === undefined) continue;
      if (result.fingerprint !== fingerprint) return { outcome: 'mismatch' };
      if (result.state === 'in_flight' || result.response_status === null) return { outcome: 'in_flight' };
      return {
        outcome: 'replay',
        response: {
          status: result.response_status,
          headers: result.response_headers ?? {},
          body: Buffer.from(result.response_body ?? new Uint8Array()),
        },
      };
    }
    return { outcome: 'in_flight' };
  }

  /**
   * Inside the handler's transaction: locks the claim row (FOR UPDATE) and says whether it is still this
   * claim's. Once locked, a retry cannot take the claim over until this transaction ends, and then finds the
   * stored response; a claim taken over before the lock answers false and the handler must not run.
   */
  async lockClaim(q: Queryable, scope: KeyScope, token: string): Promise<boolean> {
    const { rows } = await q.query<{ token: string; state: string }>(LOCK_SQL, keyParams(scope));
    return rows[0]?.token === token && rows[0].state === 'in_flight';
  }

  /**
   * Inside the handler's transaction, before COMMIT: stores the response, so the business effect and its
   * response commit together or not at all. Throws when the claim is no longer this one's.
   */
  async completeIn(q: Queryable, scope: KeyScope, token: string, response: StoredResponse): Promise<void> {
    const { rowCount } = await q.query(COMPLETE_SQL, [
      ...keyParams(scope),
      token,
      response.status,
      JSON.stringify(response.headers),
      response.body,
    ]);
    if (rowCount !== 1) throw new Error('idempotency: the claim was lost before its response was stored');
  }

  /** Forgets a claim (the request failed with a 5xx before committing anything) so the client may retry. */
  async release(scope: KeyScope, token: string): Promise<void> {
    await this.db.tenantStatements(scope.tenantId, [
      {
        sql: `delete from shipshape_idempotency_keys
          where ${KEY_WHERE} and claim_token = $6::uuid and state = 'in_flight'`,
        params: [...keyParams(scope), token],
      },
    ]);
  }

  /** Deletes expired keys of every tenant, in batches; returns how many were deleted. */
  async deleteExpired(batchSize = 1000): Promise<number> {
    let total = 0;
    for (;;) {
      const { rowCount } = await this.db.maintenanceTx((tx) =>
        tx.query(
          `delete from shipshape_idempotency_keys
            where (tenant_id, method, route, idempotency_key) in (
              select tenant_id, method, route, idempotency_key from shipshape_idempotency_keys
               where expires_at <= now() limit $1)`,
          [batchSize],
        ),
      );
      total += rowCount;
      if (rowCount < batchSize) return total;
    }
  }
}
