import { randomUUID } from 'node:crypto';
import type { Database, Queryable, QueryResult, Row, Statement } from '../data/types.js';

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

/**
 * A new key: the row is inserted, or left alone when it exists. DO NOTHING takes no lock on an existing row,
 * so a duplicate never waits for the transaction that holds the claim row locked (it answers 409 instead).
 */
const CLAIM_SQL = `
insert into shipshape_idempotency_keys
  (tenant_id, principal, method, route, idempotency_key, fingerprint, state, claim_token, lease_until, expires_at)
values ($1, $2, $3, $4, $5, $6, 'in_flight', $7::uuid,
        now() + $8::int * interval '1 millisecond', now() + $9::bigint * interval '1 millisecond')
on conflict (tenant_id, principal, method, route, idempotency_key) do nothing
returning claim_token::text as token`;

const KEY_WHERE = 'tenant_id = $1 and principal = $2 and method = $3 and route = $4 and idempotency_key = $5';

/**
 * An existing key that may be taken over: expired, or in flight past its lease with the same payload (its
 * holder crashed). Rows that qualify neither are not locked, so this never waits on a live holder; of
 * concurrent takeovers exactly one updates (the others re-check the row it changed and skip it).
 */
const TAKEOVER_SQL = `
update shipshape_idempotency_keys as k
   set fingerprint = $6, state = 'in_flight', claim_token = $7::uuid,
       lease_until = now() + $8::int * interval '1 millisecond',
       expires_at = now() + $9::bigint * interval '1 millisecond', created_at = now(),
       response_status = null, response_headers = null, response_body = null
 where ${KEY_WHERE}
   and (k.expires_at <= now() or (k.state = 'in_flight' and k.lease_until <= now() and k.fingerprint = $6))
returning claim_token::text as token`;

const READ_SQL = `
select fingerprint, state, response_status, response_headers, response_body
  from shipshape_idempotency_keys
 where ${KEY_WHERE}`;

/**
 * Locks the claim row for the rest of the handler's transaction: no takeover can happen while it runs. Only
 * this claim's row: a request that lost the claim (its lock goes out before it knows) never waits on the
 * winner's lock, its WHERE does not match that row.
 */
const LOCK_SQL = `
select claim_token::text as token, state from shipshape_idempotency_keys
 where ${KEY_WHERE} and claim_token = $6::uuid for update`;

/**
 * Stores the response. Fails — not merely updates nothing — when the claim is no longer this one's: COMMIT may
 * already be on the wire behind it, and after a failed statement it rolls the transaction back.
 */
const COMPLETE_SQL = `
with stored as (
  update shipshape_idempotency_keys
     set state = 'completed', response_status = $7, response_headers = $8::jsonb, response_body = $9,
         lease_until = null
   where ${KEY_WHERE} and claim_token = $6::uuid and state = 'in_flight'
  returning 1)
select case when count(*) = 1 then true
            else ('idempotency: the claim was lost before its response was stored (' || count(*) || ' rows)')::boolean
       end as stored
  from stored`;

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

  /** The claim (a new key, else a takeover) and the read of the row it lost to: one implicit transaction. */
  claimStatements(scope: KeyScope, fingerprint: string, token: string): Statement[] {
    const params = keyParams(scope);
    const claimParams = [...params, fingerprint, token, this.leaseMs, this.ttlMs];
    return [
      { sql: CLAIM_SQL, params: claimParams },
      { sql: TAKEOVER_SQL, params: claimParams },
      { sql: READ_SQL, params },
    ];
  }

  /**
   * What the results of claimStatements mean; undefined when the row they lost to was gone by the read (the
   * cleanup job deleted it in between): claim again.
   */
  claimOutcome(
    token: string,
    fingerprint: string,
    [inserted, takenOver, read]: QueryResult<Row>[],
  ): ClaimResult | undefined {
    const ours = (r: QueryResult<Row>) => (r.rows[0] as { token?: string } | undefined)?.token === token;
    if (ours(inserted) || ours(takenOver)) return { outcome: 'claimed', token };
    const result = read.rows[0] as unknown as KeyRow | undefined;
    if (result === undefined) return undefined;
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

  async claim(scope: KeyScope, fingerprint: string): Promise<ClaimResult> {
    const token = randomUUID();
    // Two attempts: a row deleted by the cleanup job between the INSERT and the SELECT is simply claimed again.
    for (let attempt = 0; attempt < 2; attempt++) {
      const results = await this.db.tenantStatements(
        scope.tenantId,
        this.claimStatements(scope, fingerprint, token),
      );
      const result = this.claimOutcome(token, fingerprint, results);
      if (result) return result;
    }
    return { outcome: 'in_flight' };
  }

  /** The statement lockClaim runs, for a transaction that sends it as its opening statement. */
  lockStatement(scope: KeyScope, token: string): Statement {
    return { sql: LOCK_SQL, params: [...keyParams(scope), token] };
  }

  /** Whether the result of lockStatement says the claim is still this one's, now locked. */
  locked(result: QueryResult<Row> | undefined, token: string): boolean {
    const row = result?.rows[0] as { token?: string; state?: string } | undefined;
    return row?.token === token && row.state === 'in_flight';
  }

  /**
   * Inside the handler's transaction: locks the claim row (FOR UPDATE) and says whether it is still this
   * claim's. Once locked, a retry cannot take the claim over until this transaction ends, and then finds the
   * stored response; a claim taken over before the lock answers false and the handler must not run.
   */
  async lockClaim(q: Queryable, scope: KeyScope, token: string): Promise<boolean> {
    const { sql, params } = this.lockStatement(scope, token);
    return this.locked(await q.query<Row>(sql, params ? [...params] : undefined), token);
  }

  /**
   * Inside the handler's transaction, before COMMIT: stores the response, so the business effect and its
   * response commit together or not at all. Throws when the claim is no longer this one's.
   */
  async completeIn(q: Queryable, scope: KeyScope, token: string, response: StoredResponse): Promise<void> {
    const { rows } = await q.query<{ stored: boolean }>(COMPLETE_SQL, [
      ...keyParams(scope),
      token,
      response.status,
      JSON.stringify(response.headers),
      response.body,
    ]);
    if (rows[0]?.stored !== true)
      throw new Error('idempotency: the claim was lost before its response was stored');
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
