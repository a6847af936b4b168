import { describe, expect, it } from 'vitest';
import { asyncapiDoc } from '../documents.js';
import { lintRule, pathsOf } from '../harness.js';

const RULE = 'shipshape-event-type-matches-address';
const TYPE = ['components', 'messages', 'OrderCreated', 'payload', 'properties', 'type'];

describe(RULE, () => {
  it('passes messages whose type const equals the channel address', async () => {
    expect(await pathsOf(RULE, asyncapiDoc())).toEqual([]);
  });

  it('finds the pinned type in an allOf part', async () => {
    const doc = asyncapiDoc();
    const payload = doc.components.messages.OrderCreated.payload;
    const pinned = payload.properties.type;
    payload.properties.type = { type: 'string' };
    doc.components.messages.OrderCreated.payload = { allOf: [payload, { properties: { type: pinned } }] };
    expect(await pathsOf(RULE, doc)).toEqual([]);
  });

  it('reports a type pinned to another address', async () => {
    const doc = asyncapiDoc();
    doc.components.messages.OrderCreated.payload.properties.type.const = 'acme.orders.order.updated.v1';
    expect((await lintRule(RULE, doc)).map((f) => [f.path, f.message])).toEqual([
      [
        TYPE,
        'event type "acme.orders.order.updated.v1" differs from the channel address "acme.orders.order.created.v1"',
      ],
    ]);
  });

  it('reports a type that is not pinned', async () => {
    const doc = asyncapiDoc();
    delete doc.components.messages.OrderCreated.payload.properties.type.const;
    expect((await lintRule(RULE, doc)).map((f) => f.message)).toEqual([
      'event "type" must be pinned (const) to the channel address "acme.orders.order.created.v1"',
    ]);
  });
});
