import { createAuditWriter } from '../audit/audit.js';
import { createInbox } from '../inbox/inbox.js';
import { createOutboxWriter, type EventNaming } from '../outbox/writer.js';
import type { Queryable, TenantRef, Tx } from './types.js';

export type { EventNaming } from '../outbox/writer.js';

/** The role every tenant transaction switches to; RLS policies apply to it. Created by the runtime's migrations. */
export const APP_ROLE = 'shipshape_app';

const MAX_TENANT_ID = 200;

export function normalizeTenant(tenant: string | TenantRef): TenantRef {
  const ref = typeof tenant === 'string' ? { id: tenant } : tenant;
  if (typeof ref?.id !== 'string' || ref.id.length === 0 || ref.id.length > MAX_TENANT_ID) {
    throw new TypeError(
      `tenantTx: tenant id must be a non-empty string of at most ${MAX_TENANT_ID} characters`,
    );
  }
  return ref;
}

/** Statements that start a tenant transaction, after BEGIN. */
export const TENANT_TX_SETUP = `SET LOCAL ROLE ${APP_ROLE}`;
export const TENANT_TX_SET_TENANT = `select set_config('app.tenant_id', $1, true)`;
export const MAINTENANCE_TX_SETUP = `select set_config('app.maintenance', 'on', true)`;

/** Adds the tenant-scoped helpers (outbox, audit, inbox) to a transaction that is already scoped. */
export function buildTx(base: Queryable, tenant: TenantRef, naming: EventNaming | undefined): Tx {
  return {
    tenantId: tenant.id,
    subject: tenant.subject,
    query: (sql, params) => base.query(sql, params),
    exec: (sql) => base.exec(sql),
    outbox: createOutboxWriter(base, tenant, naming),
    audit: createAuditWriter(base, tenant),
    inbox: createInbox(base, tenant),
  };
}
