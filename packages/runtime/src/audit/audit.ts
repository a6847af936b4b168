import type { AuditEntryInput, Queryable, TenantRef } from '../data/types.js';

export const AUDIT_TABLE = 'shipshape_audit_log';

/** One row of the audit log as read back. */
export interface AuditRow {
  id: number;
  tenant_id: string;
  actor: string | null;
  action: string;
  entity: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  trace_id: string | null;
  at: Date;
}

/**
 * `tx.audit`: appends who (the request's subject), what (action, entity, id), when (now()) and the
 * before/after images to the append-only audit log, in the mutation's own transaction.
 */
export function createAuditWriter(
  q: Queryable,
  tenant: TenantRef,
): { record(entry: AuditEntryInput): Promise<void> } {
  return {
    async record(entry): Promise<void> {
      if (typeof entry?.action !== 'string' || entry.action.length === 0) {
        throw new TypeError('tx.audit.record: action must be a non-empty string');
      }
      if (typeof entry.entity !== 'string' || typeof entry.entityId !== 'string') {
        throw new TypeError('tx.audit.record: entity and entityId must be strings');
      }
      await q.query(
        `insert into ${AUDIT_TABLE} (tenant_id, actor, action, entity, entity_id, before, after, trace_id)
         values ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8)`,
        [
          tenant.id,
          tenant.subject ?? null,
          entry.action,
          entry.entity,
          entry.entityId,
          entry.before === undefined ? null : JSON.stringify(entry.before),
          entry.after === undefined ? null : JSON.stringify(entry.after),
          tenant.traceId ?? null,
        ],
      );
    },
  };
}

/** The audit trail of one entity, oldest first (RLS limits it to the transaction's tenant). */
export async function auditTrail(q: Queryable, entity: string, entityId: string): Promise<AuditRow[]> {
  const { rows } = await q.query<AuditRow>(
    `select id, tenant_id, actor, action, entity, entity_id, before, after, trace_id, at
       from ${AUDIT_TABLE} where entity = $1 and entity_id = $2 order by id`,
    [entity, entityId],
  );
  return rows;
}
