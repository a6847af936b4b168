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
