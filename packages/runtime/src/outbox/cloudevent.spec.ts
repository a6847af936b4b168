import { describe, expect, it } from 'vitest';
import { defaultStreamName, toCloudEvent } from './cloudevent.js';
import { eventSource, eventType } from './writer.js';

describe('event naming', () => {
  it('builds <org>.<svc>.<entity>.<verb>.v<N>, the source and the stream name', () => {
    const naming = { org: 'acme', service: 'order-api' };
    expect(eventType(naming, 'order', 'created', 2)).toBe('acme.order-api.order.created.v2');
    expect(eventSource(naming)).toBe('/acme/order-api');
    expect(defaultStreamName(naming)).toBe('ACME_ORDER-API');
  });
});

describe('toCloudEvent', () => {
  it('maps an outbox row to a valid CloudEvents 1.0 event with the tenant extension', () => {
    const event = toCloudEvent({
      id: '6c1c8a4e-0d7e-4b8e-9a53-0a8b7c6d5e4f',
      type: 'acme.orders.order.created.v1',
      source: '/acme/orders',
      subject: 'o-1',
      data: { total: 3 },
      created_at: new Date('2026-01-02T03:04:05.000Z'),
      tenant_id: 'tenant-a',
    });
    expect(event.validate()).toBe(true);
    expect(JSON.parse(JSON.stringify(event))).toEqual({
      specversion: '1.0',
      id: '6c1c8a4e-0d7e-4b8e-9a53-0a8b7c6d5e4f',
      type: 'acme.orders.order.created.v1',
      source: '/acme/orders',
      subject: 'o-1',
      time: '2026-01-02T03:04:05.000Z',
      datacontenttype: 'application/json',
      data: { total: 3 },
      tenantid: 'tenant-a',
    });
  });
});
