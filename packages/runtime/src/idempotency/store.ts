import { randomUUID } from 'node:crypto';
import type { Database } from '../data/types.js';

export interface KeyScope {
  tenantId: string;
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
  (tenant_id, method, route, idempotency_key, fingerprint, state, claim_token, lease_until, expires_at)
values ($1, $2, $3, $4, $5, 'in_flight', $6::uuid,
        now() + $7::int * interval '1 millisecond', now() + $8::bigint * interval '1 millisecond')
on conflict (tenant_id, method, route, idempotency_key) do update
  set fingerprint = excluded.fingerprint, state = 'in_flight', claim_token = excluded.claim_token,
      lease_until = excluded.lease_until, expires_at = excluded.expires_at, created_at = now(),
      response_status = null, response_headers = null, response_body = null
  where k.expires_at <= now()
     or (k.state = 'in_flight' and k.lease_until <= now() and k.fingerprint = excluded.fingerprint)
returning claim_token::text as token`;

const READ_SQL = `
select fingerprint, state, response_status, response_headers, response_body
  from shipshape_idempotency_keys
 where tenant_id = $1 and method = $2 and route = $3 and idempotency_key = $4`;

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
    const params = [scope.tenantId, scope.method, scope.route, scope.key];
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

  /** Stores the response of the claim holder; a claim taken over after its lease expired stores nothing. */
  async complete(scope: KeyScope, token: string, response: StoredResponse): Promise<boolean> {
    const [{ rowCount }] = await this.db.tenantStatements(scope.tenantId, [
      {
        sql: `update shipshape_idempotency_keys
            set state = 'completed', response_status = $6, response_headers = $7::jsonb, response_body = $8,
                lease_until = null
          where tenant_id = $1 and method = $2 and route = $3 and idempotency_key = $4 and claim_token = $5::uuid
            and state = 'in_flight'`,
        params: [
          scope.tenantId,
          scope.method,
          scope.route,
          scope.key,
          token,
          response.status,
          JSON.stringify(response.headers),
          response.body,
        ],
      },
    ]);
    return rowCount === 1;
  }

  /** Forgets a claim (the request failed with a 5xx or produced no storable body) so the client may retry. */
  async release(scope: KeyScope, token: string): Promise<void> {
    await this.db.tenantStatements(scope.tenantId, [
      {
        sql: `delete from shipshape_idempotency_keys
          where tenant_id = $1 and method = $2 and route = $3 and idempotency_key = $4 and claim_token = $5::uuid
            and state = 'in_flight'`,
        params: [scope.tenantId, scope.method, scope.route, scope.key, token],
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
