import { CloudEvent } from 'cloudevents';
import type { EventNaming } from './writer.js';

/** An outbox row as the relay claims it. */
export interface OutboxRow {
  seq: number;
  id: string;
  tenant_id: string;
  type: string;
  source: string;
  subject: string;
  data: unknown;
  created_at: Date;
  attempts: number;
}

export function defaultStreamName(naming: EventNaming): string {
  return `${naming.org}_${naming.service}`.toUpperCase().replace(/[^A-Z0-9_-]/g, '_');
}

/** Builds the CloudEvents 1.0 event of an outbox row (structured JSON, with the tenant as `tenantid`). */
export function toCloudEvent(
  row: Pick<OutboxRow, 'id' | 'type' | 'source' | 'subject' | 'data' | 'created_at' | 'tenant_id'>,
): CloudEvent<unknown> {
  return new CloudEvent<unknown>({
    specversion: '1.0',
    id: row.id,
    type: row.type,
    source: row.source,
    subject: row.subject,
    time: new Date(row.created_at).toISOString(),
    datacontenttype: 'application/json',
    data: row.data,
    tenantid: row.tenant_id,
  });
}
