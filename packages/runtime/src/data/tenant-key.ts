import { createHmac } from 'node:crypto';
import { TENANT_KEY_TABLE } from '@shipshape/contracts';
import type { QueryResult } from './types.js';

/**
 * Tenant binding (migration 0008_tenant_binding.sql): row-level security compares a row's tenant with
 * `shipshape_current_tenant()`, which returns `app.tenant_id` only when `app.tenant_sig` is its
 * HMAC-SHA256 under the key in `shipshape_tenant_key`. That table is readable by the owner alone, so SQL
 * running inside a tenant transaction cannot sign another tenant's id: `set_config('app.tenant_id', …)`
 * then leaves it with no rows rather than another tenant's.
 */
export class TenantKey {
  readonly #key: Buffer;
  // Signatures are cheap (one HMAC), but a request-rate HMAC per transaction is not free either; a service
  // sees few tenants, so remember them (bounded: cleared when full).
  readonly #signatures = new Map<string, string>();

  constructor(key: Uint8Array) {
    if (key.length !== 32) throw new TypeError('tenant key: expected 32 bytes');
    this.#key = Buffer.from(key);
  }

  /** hex(HMAC-SHA256(key, tenant id as UTF-8)) — what the database recomputes. */
  sign(tenantId: string): string {
    let signature = this.#signatures.get(tenantId);
    if (signature === undefined) {
      signature = createHmac('sha256', this.#key).update(tenantId, 'utf8').digest('hex');
      if (this.#signatures.size >= 10_000) this.#signatures.clear();
      this.#signatures.set(tenantId, signature);
    }
    return signature;
  }
}

/** Raised when a tenant transaction cannot be signed: the key is not there or this role may not read it. */
export class TenantKeyError extends Error {
  override readonly name = 'TenantKeyError';
}

export const TENANT_KEY_SQL = `select key from ${TENANT_KEY_TABLE}`;

/** Where a database handle gets its key when it may not read the table itself. */
export type TenantKeySource = TenantKey | (() => Promise<TenantKey>);

/**
 * A database handle's key: read once on first need through `read` (a single-role database, tests), or taken
 * from a source given with `use` (openServiceDatabases: the owner's connection, when the request role may not
 * read the table). A failed read is not remembered, so applying the migrations later fixes it.
 */
export function tenantKeyHolder(read: (sql: string) => Promise<QueryResult<{ key: Uint8Array }>>): {
  use(source: TenantKeySource): void;
  get(): Promise<TenantKey>;
} {
  let source: (() => Promise<TenantKey>) | undefined;
  let loaded: Promise<TenantKey> | undefined;
  return {
    use(given) {
      source = given instanceof TenantKey ? () => Promise.resolve(given) : given;
      loaded = undefined;
    },
    get() {
      loaded ??= (source ? source() : readTenantKey(read)).catch((error: unknown) => {
        loaded = undefined;
        throw error;
      });
      return loaded;
    },
  };
}

/** Reads the key (the owner's connection, or a single-role database). */
export async function readTenantKey(
  read: (sql: string) => Promise<QueryResult<{ key: Uint8Array }>>,
): Promise<TenantKey> {
  let result: QueryResult<{ key: Uint8Array }>;
  try {
    result = await read(TENANT_KEY_SQL);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '42P01')
      throw new TenantKeyError(
        `${TENANT_KEY_TABLE} does not exist: apply the runtime migrations (createService or runMigrations) before opening tenant transactions`,
        { cause: error },
      );
    if (code === '42501')
      throw new TenantKeyError(
        `this database role may not read ${TENANT_KEY_TABLE} (two-role set-up): hand it the owner's key with db.useTenantKey(() => owner.tenantKey())`,
        { cause: error },
      );
    throw error;
  }
  const row = result.rows[0];
  if (!row) throw new TenantKeyError(`${TENANT_KEY_TABLE} is empty: re-apply migration 0008_tenant_binding`);
  return new TenantKey(row.key);
}
