import { describe, expect, it } from 'vitest';
import { buildServiceModel, isDnsLabel } from './build.js';
import { names, pluralize } from '../names.js';

describe('names', () => {
  it('derives every variant from a kebab-case name', () => {
    expect(names('line-item')).toEqual({
      name: 'line-item',
      className: 'LineItem',
      propertyName: 'lineItem',
      constantName: 'LINE_ITEM',
      fileName: 'line-item',
    });
  });

  it.each([
    ['order', 'orders'],
    ['category', 'categories'],
    ['day', 'days'],
    ['box', 'boxes'],
    ['batch', 'batches'],
    ['line-item', 'line-items'],
  ])('pluralizes %s as %s', (singular, plural) => {
    expect(pluralize(singular)).toBe(plural);
  });
});

describe('isDnsLabel', () => {
  it.each(['orders', 'a', 'order-service', 'x1'])('accepts %s', (v) => expect(isDnsLabel(v)).toBe(true));
  it.each(['Orders', '1x', '-x', 'x-', 'a--b', 'a_b', 'a'.repeat(64), ''])('refuses %s', (v) =>
    expect(isDnsLabel(v)).toBe(false),
  );
});

describe('buildServiceModel', () => {
  const model = buildServiceModel({
    name: 'orders',
    org: 'big-co',
    tier: 't0',
    owner: '@big-co/orders-team',
    resource: 'order',
    resources: ['line-item'],
    directory: 'services/orders',
  });

  it('lists the aggregates with paths, tables and migration numbers in order', () => {
    expect(
      model.resources.map((r) => [r.singular, r.plural, r.table, r.basePath, r.idParam, r.migration]),
    ).toEqual([
      ['order', 'orders', 'orders', '/api/v1/orders', 'orderId', 1],
      ['line-item', 'line-items', 'line_items', '/api/v1/line-items', 'lineItemId', 2],
    ]);
  });

  it('has five camelCase operations per aggregate', () => {
    expect(model.routes.map((r) => `${r.method} ${r.path} ${r.operationId} ${r.successStatus}`)).toEqual([
      'POST /api/v1/orders createOrder 201',
      'GET /api/v1/orders listOrders 200',
      'GET /api/v1/orders/{orderId} getOrder 200',
      'PATCH /api/v1/orders/{orderId} updateOrder 200',
      'DELETE /api/v1/orders/{orderId} deleteOrder 204',
      'POST /api/v1/line-items createLineItem 201',
      'GET /api/v1/line-items listLineItems 200',
      'GET /api/v1/line-items/{lineItemId} getLineItem 200',
      'PATCH /api/v1/line-items/{lineItemId} updateLineItem 200',
      'DELETE /api/v1/line-items/{lineItemId} deleteLineItem 204',
    ]);
    const codes = new Set(model.errorCodes.map((e) => e.code));
    for (const route of model.routes)
      for (const code of route.errorCodes) expect(codes.has(code), code).toBe(true);
  });

  it('prefixes codes with ORG.SERVICE (hyphens → underscores) and keeps the runtime codes first', () => {
    expect(model.orgUpper).toBe('BIG_CO');
    expect(model.errorCodes[0]).toMatchObject({ code: 'BIG_CO.ORDERS.BAD_REQUEST', standard: true });
    expect(model.errorCodes.filter((e) => !e.standard).map((e) => [e.code, e.status])).toEqual([
      ['BIG_CO.ORDERS.ORDER_NOT_FOUND', 404],
      ['BIG_CO.ORDERS.LINE_ITEM_NOT_FOUND', 404],
    ]);
  });

  it('names events <org>.<service>.<entity>.<verb>.v1', () => {
    expect(model.events.map((e) => e.type)).toEqual([
      'big-co.orders.order.created.v1',
      'big-co.orders.order.updated.v1',
      'big-co.orders.order.deleted.v1',
      'big-co.orders.line-item.created.v1',
      'big-co.orders.line-item.updated.v1',
      'big-co.orders.line-item.deleted.v1',
    ]);
  });

  it('marks every service table tenant-scoped with RLS, and lists the runtime tables', () => {
    expect(model.tables.map((t) => [t.name, t.source, t.rls])).toEqual([
      ['orders', 'service', true],
      ['line_items', 'service', true],
      ['shipshape_idempotency_keys', 'runtime', true],
      ['shipshape_outbox', 'runtime', true],
      ['shipshape_inbox', 'runtime', true],
      ['shipshape_audit_log', 'runtime', true],
    ]);
  });

  it('keeps given migration numbers and numbers new aggregates after them', () => {
    const m = buildServiceModel({
      name: 'orders',
      org: 'acme',
      tier: 't1',
      owner: 'o',
      resource: 'order',
      resources: ['refund'],
      migrations: { order: 3 },
      directory: 'services/orders',
    });
    expect(m.resources.map((r) => r.migration)).toEqual([3, 4]);
  });

  it('lists the 17 docs and the TODO marker', () => {
    expect(model.docs).toHaveLength(17);
    expect(model.todo).toBe('TODO(owner):');
  });
});
