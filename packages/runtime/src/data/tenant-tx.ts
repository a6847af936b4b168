import type { InboxResult, OutboxAddResult, Queryable, TenantRef, Tx } from './types.js';

/** The role every tenant transaction switches to; RLS policies apply to it. Created by the runtime's migrations. */
export const APP_ROLE = 'shipshape_app';

/** Org/service naming used for event types (`<org>.<svc>.<entity>.<verb>.v<N>`) and the CloudEvents source. */
export interface EventNaming {
  org: string;
  service: string;
}

const TOKEN = /^[a-z][a-z0-9_-]*$/;
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

export function eventType(naming: EventNaming, entity: string, verb: string, version: number): string {
  return `${naming.org}.${naming.service}.${entity}.${verb}.v${version}`;
}

export function eventSource(naming: EventNaming): string {
  return `/${naming.org}/${naming.service}`;
}

let savepointCounter = 0;

/** Statements that start a tenant transaction, after BEGIN. */
export const TENANT_TX_SETUP = `SET LOCAL ROLE ${APP_ROLE}`;
export const TENANT_TX_SET_TENANT = `select set_config('app.tenant_id', $1, true)`;
export const MAINTENANCE_TX_SETUP = `select set_config('app.maintenance', 'on', true)`;

/** Adds the tenant-scoped helpers (outbox, audit, inbox) to a transaction that is already scoped. */
export function buildTx(base: Queryable, tenant: TenantRef, naming: EventNaming | undefined): Tx {
  const tx: Tx = {
    tenantId: tenant.id,
    subject: tenant.subject,
    query: (sql, params) => base.query(sql, params),
    exec: (sql) => base.exec(sql),
    outbox: {
      async add(event): Promise<OutboxAddResult> {
        if (!naming) {
          throw new TypeError(
            'tx.outbox.add: the database was created without events naming ({ org, service })',
          );
        }
        if (typeof event?.entity !== 'string' || !TOKEN.test(event.entity)) {
          throw new TypeError(
            `tx.outbox.add: entity must match ${TOKEN} (got ${JSON.stringify(event?.entity)})`,
          );
        }
        if (typeof event.verb !== 'string' || !TOKEN.test(event.verb)) {
          throw new TypeError(`tx.outbox.add: verb must match ${TOKEN} (got ${JSON.stringify(event.verb)})`);
        }
        const version = event.version ?? 1;
        if (!Number.isInteger(version) || version < 1) {
          throw new TypeError(
            `tx.outbox.add: version must be a positive integer (got ${String(event.version)})`,
          );
        }
        if (typeof event.subject !== 'string' || event.subject.length === 0) {
          throw new TypeError('tx.outbox.add: subject must be a non-empty string (the aggregate id)');
        }
        const type = eventType(naming, event.entity, event.verb, version);
        const { rows } = await base.query<{ id: string }>(
          `insert into shipshape_outbox (tenant_id, type, source, subject, data)
           values ($1, $2, $3, $4, $5::jsonb) returning id::text as id`,
          [tenant.id, type, eventSource(naming), event.subject, JSON.stringify(event.data ?? null)],
        );
        return { id: rows[0].id, type };
      },
    },
    audit: {
      async record(entry): Promise<void> {
        if (typeof entry?.action !== 'string' || entry.action.length === 0) {
          throw new TypeError('tx.audit.record: action must be a non-empty string');
        }
        if (typeof entry.entity !== 'string' || typeof entry.entityId !== 'string') {
          throw new TypeError('tx.audit.record: entity and entityId must be strings');
        }
        await base.query(
          `insert into shipshape_audit_log (tenant_id, actor, action, entity, entity_id, before, after, trace_id)
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
    },
    inbox: {
      async consume<T>(
        eventId: string,
        fn: () => Promise<T>,
        options: { consumer?: string } = {},
      ): Promise<InboxResult<T>> {
        if (typeof eventId !== 'string' || eventId.length === 0) {
          throw new TypeError('tx.inbox.consume: eventId must be a non-empty string');
        }
        const consumer = options.consumer ?? 'default';
        // A savepoint keeps "recorded as consumed" and fn's effects together even if the caller catches
        // fn's error and commits the rest of the transaction.
        const savepoint = `shipshape_inbox_${++savepointCounter}`;
        await base.exec(`savepoint ${savepoint}`);
        try {
          const inserted = await base.query(
            `insert into shipshape_inbox (tenant_id, consumer, event_id) values ($1, $2, $3)
             on conflict do nothing returning event_id`,
            [tenant.id, consumer, eventId],
          );
          if (inserted.rows.length === 0) {
            await base.exec(`release savepoint ${savepoint}`);
            return { duplicate: true };
          }
          const value = await fn();
          await base.exec(`release savepoint ${savepoint}`);
          return { duplicate: false, value };
        } catch (err) {
          await base.exec(`rollback to savepoint ${savepoint}`).catch(() => undefined);
          throw err;
        }
      },
    },
  };
  return tx;
}
