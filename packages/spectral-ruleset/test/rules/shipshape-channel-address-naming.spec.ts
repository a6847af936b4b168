import { describe, expect, it } from 'vitest';
import { asyncapiDoc } from '../documents.js';
import { lintRule, pathsOf } from '../harness.js';

const RULE = 'shipshape-channel-address-naming';

describe(RULE, () => {
  it('passes <org>.<service>.<entity>.<verb>.v<N> addresses (kebab-case words allowed)', async () => {
    const doc = asyncapiDoc();
    doc.channels.orderCreated.address = 'acme.order-service.line-item.created.v12';
    expect(await pathsOf(RULE, doc)).toEqual([]);
  });

  it.each([
    ['acme.orders.order.created', 'no version'],
    ['acme.orders.order.created.v0', 'version 0'],
    ['acme.orders.created.v1', 'four parts'],
    ['Acme.Orders.Order.Created.v1', 'upper case'],
    ['acme/orders/order/created/v1', 'slashes'],
  ])('reports %s (%s) at the address', async (address) => {
    const doc = asyncapiDoc();
    doc.channels.orderCreated.address = address;
    const findings = await lintRule(RULE, doc);
    expect(findings.map((f) => f.path)).toEqual([['channels', 'orderCreated', 'address']]);
    expect(findings[0].message).toBe(
      `channel address ${address} must be <org>.<service>.<entity>.<verb>.v<N>`,
    );
  });

  it('reports a channel without an address', async () => {
    const doc = asyncapiDoc();
    doc.channels.orderCreated.address = null;
    expect(await pathsOf(RULE, doc)).toEqual([['channels', 'orderCreated', 'address']]);
  });
});
