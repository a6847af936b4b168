import type { Database, OutboxAddResult, OutboxEventInput, Queryable, TenantRef } from '../data/types.js';

/** Org/service naming used for event types (`<org>.<svc>.<entity>.<verb>.v<N>`) and the CloudEvents source. */
export interface EventNaming {
  org: string;
  service: string;
}

const TOKEN = /^[a-z][a-z0-9_-]*$/;

export function eventType(naming: EventNaming, entity: string, verb: string, version: number): string {
  return `${naming.org}.${naming.service}.${entity}.${verb}.v${version}`;
}

export function eventSource(naming: EventNaming): string {
  return `/${naming.org}/${naming.service}`;
}

/** `tx.outbox`: writes the event row in the caller's transaction; the relay publishes it after commit. */
export function createOutboxWriter(
  q: Queryable,
  tenant: TenantRef,
  naming: EventNaming | undefined,
): { add(event: OutboxEventInput): Promise<OutboxAddResult> } {
  return {
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
      const { rows } = await q.query<{ id: string }>(
        `insert into shipshape_outbox (tenant_id, type, source, subject, data)
         values ($1, $2, $3, $4, $5::jsonb) returning id::text as id`,
        [tenant.id, type, eventSource(naming), event.subject, JSON.stringify(event.data ?? null)],
      );
      return { id: rows[0].id, type };
    },
  };
}

/** What waits in the outbox, every tenant (maintenance transaction): for /health and the metrics. */
export async function outboxBacklog(
  db: Pick<Database, 'maintenanceTx'>,
): Promise<{ pending: number; oldestPendingSeconds: number; deadLettered: number }> {
  const { rows } = await db.maintenanceTx((tx) =>
    tx.query<{ pending: number; oldest: number | null; dead: number }>(
      `select count(*) filter (where published_at is null and dead_at is null)::int as pending,
              extract(epoch from now() - min(created_at) filter (where published_at is null and dead_at is null))::float8 as oldest,
              count(*) filter (where dead_at is not null)::int as dead
         from shipshape_outbox where published_at is null`,
    ),
  );
  const r = rows[0];
  return { pending: r.pending, oldestPendingSeconds: Math.max(0, r.oldest ?? 0), deadLettered: r.dead };
}
