/**
 * The runtime's own tables (packages/runtime/migrations). Every service database holds them next to its own;
 * they are tenant-scoped with row-level security like the service's tables.
 */
export const RUNTIME_TABLES = [
  {
    name: 'shipshape_idempotency_keys',
    purpose: 'stored first responses of idempotent POSTs, per tenant and key',
  },
  { name: 'shipshape_outbox', purpose: 'domain events written in the business transaction, relayed to NATS' },
  { name: 'shipshape_inbox', purpose: 'ids of consumed events, so a redelivered event is processed once' },
  {
    name: 'shipshape_audit_log',
    purpose: 'append-only audit rows of every mutation (who, what, when, before/after)',
  },
] as const;

export type RuntimeTableName = (typeof RUNTIME_TABLES)[number]['name'];

/** The column that carries the tenant of a row, unless a service's configuration names another. */
export const DEFAULT_TENANT_COLUMN = 'tenant_id';

/** The PostgreSQL setting each transaction's tenant is bound to (`set_config(..., true)`), read by RLS policies. */
export const TENANT_SETTING = 'app.tenant_id';

/** The setting that carries the tenant's signature (HMAC-SHA256 of the tenant id under the tenant key). */
export const TENANT_SIGNATURE_SETTING = 'app.tenant_sig';

/**
 * Owner-only table of the runtime holding the key that signs tenant ids (migration 0008_tenant_binding).
 * Global and never granted: no tenant data, so not judged for tenant isolation.
 */
export const TENANT_KEY_TABLE = 'shipshape_tenant_key';

/**
 * The function RLS policies of a Shipshape service compare the tenant column with: the tenant id of the
 * transaction when its signature matches, NULL otherwise (so `set_config` alone cannot switch tenant).
 * Written `tenant_id = (SELECT shipshape_current_tenant())` so it is evaluated once per statement.
 */
export const TENANT_FUNCTION = 'shipshape_current_tenant';
