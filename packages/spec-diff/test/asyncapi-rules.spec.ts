import { describe, expect, it } from 'vitest';
import { ASYNCAPI_RULES, diffSpecs, SCHEMA_RULES, type Change } from '../src/index.js';
import { asyncapi, type Doc } from './documents.js';

interface Case {
  name: string;
  after: (doc: Doc) => void;
  forward: [rule: string, pointer: string][];
  backward: [rule: string, pointer: string][];
}

const CREATED = '/channels/orderCreated';
const SETTLED = '/channels/paymentSettled';
const MESSAGE = '/components/messages/OrderCreated';

const cases: Case[] = [
  {
    name: 'a channel (and its operation)',
    after: (d) => {
      delete d.channels.paymentSettled;
      delete d.operations.onPaymentSettled;
    },
    forward: [
      ['channel-removed', SETTLED],
      ['operation-removed', '/operations/onPaymentSettled'],
    ],
    backward: [
      ['channel-added', SETTLED],
      ['operation-added', '/operations/onPaymentSettled'],
    ],
  },
  {
    name: 'a channel address',
    after: (d) => (d.channels.orderCreated.address = 'acme.orders.order.placed.v1'),
    forward: [['channel-address-changed', `${CREATED}/address`]],
    backward: [['channel-address-changed', `${CREATED}/address`]],
  },
  {
    name: 'an operation',
    after: (d) => delete d.operations.onPaymentSettled,
    forward: [['operation-removed', '/operations/onPaymentSettled']],
    backward: [['operation-added', '/operations/onPaymentSettled']],
  },
  {
    name: 'an operation action',
    after: (d) => (d.operations.publishOrderCreated.action = 'receive'),
    forward: [['operation-action-changed', '/operations/publishOrderCreated/action']],
    backward: [['operation-action-changed', '/operations/publishOrderCreated/action']],
  },
  {
    name: 'an operation channel',
    after: (d) => {
      d.operations.publishOrderCreated.channel = { $ref: '#/channels/paymentSettled' };
      d.operations.publishOrderCreated.messages = [
        { $ref: '#/channels/paymentSettled/messages/paymentSettled' },
      ];
    },
    forward: [['operation-channel-changed', '/operations/publishOrderCreated/channel']],
    backward: [['operation-channel-changed', '/operations/publishOrderCreated/channel']],
  },
  {
    name: 'a message',
    after: (d) => (d.channels.orderCreated.messages.orderCreatedV2 = { payload: { type: 'object' } }),
    forward: [['message-added', `${CREATED}/messages/orderCreatedV2`]],
    backward: [['message-removed', `${CREATED}/messages/orderCreatedV2`]],
  },
  {
    name: 'a message content type',
    after: (d) => (d.components.messages.OrderCreated.contentType = 'application/json'),
    forward: [['message-content-type-changed', `${MESSAGE}/contentType`]],
    backward: [['message-content-type-changed', `${MESSAGE}/contentType`]],
  },
  {
    name: 'a field of a published event',
    after: (d) => delete d.components.messages.OrderCreated.payload.properties.data,
    forward: [['event-property-removed', `${MESSAGE}/payload/properties/data`]],
    backward: [['event-property-added', `${MESSAGE}/payload/properties/data`]],
  },
  {
    name: 'an enum value of a published event',
    after: (d) =>
      d.components.messages.OrderCreated.payload.properties.data.properties.status.enum.push('cancelled'),
    forward: [['event-enum-widened', `${MESSAGE}/payload/properties/data/properties/status/enum`]],
    backward: [['event-enum-narrowed', `${MESSAGE}/payload/properties/data/properties/status/enum`]],
  },
  {
    name: 'a required field of a consumed event',
    after: (d) => {
      const payload = d.channels.paymentSettled.messages.paymentSettled.payload;
      payload.properties.amount = { type: 'integer' };
      payload.required.push('amount');
    },
    forward: [
      [
        'inbound-event-property-added-required',
        `${SETTLED}/messages/paymentSettled/payload/properties/amount`,
      ],
    ],
    backward: [
      ['inbound-event-property-ignored', `${SETTLED}/messages/paymentSettled/payload/properties/amount`],
    ],
  },
  {
    name: 'an enum value of a consumed event',
    after: (d) =>
      (d.channels.paymentSettled.messages.paymentSettled.payload.properties.data.properties.status.enum = [
        'pending',
      ]),
    forward: [
      [
        'inbound-event-enum-narrowed',
        `${SETTLED}/messages/paymentSettled/payload/properties/data/properties/status/enum`,
      ],
    ],
    backward: [
      [
        'inbound-event-enum-widened',
        `${SETTLED}/messages/paymentSettled/payload/properties/data/properties/status/enum`,
      ],
    ],
  },
];

const shape = (changes: Change[]) => changes.map((c) => [c.rule, c.pointer]);
function classOf(rule: string): string | undefined {
  const known = (ASYNCAPI_RULES as Record<string, string>)[rule];
  if (known) return known;
  const inbound = /^inbound-event-(.+)$/.exec(rule);
  if (inbound) return (SCHEMA_RULES.input as Record<string, string>)[inbound[1]];
  const event = /^event-(.+)$/.exec(rule);
  return event ? (SCHEMA_RULES.output as Record<string, string>)[event[1]] : undefined;
}

describe('AsyncAPI breaking-change rules', () => {
  it.each(cases)('$name: forward and backward', ({ after, forward, backward }) => {
    const a = asyncapi();
    const b = structuredClone(a);
    after(b);
    const there = diffSpecs(a, b);
    const back = diffSpecs(b, a);
    expect(shape(there.changes)).toEqual(forward);
    expect(shape(back.changes)).toEqual(backward);
    for (const c of [...there.changes, ...back.changes]) expect(c.class).toBe(classOf(c.rule));
  });

  it('reads multi-format payloads ({ schemaFormat, schema })', () => {
    const a = asyncapi();
    const b = structuredClone(a);
    const wrap = (d: Doc) => {
      const m = d.components.messages.OrderCreated;
      m.payload = { schemaFormat: 'application/schema+json;version=draft-07', schema: m.payload };
    };
    wrap(a);
    wrap(b);
    delete b.components.messages.OrderCreated.payload.schema.properties.id;
    expect(shape(diffSpecs(a, b).changes)).toEqual([
      ['event-property-removed', `${MESSAGE}/payload/properties/id`],
    ]);
  });

  it('covers every AsyncAPI structural rule with a case', () => {
    const covered = new Set(cases.flatMap((c) => [...c.forward, ...c.backward].map(([rule]) => rule)));
    expect(Object.keys(ASYNCAPI_RULES).filter((r) => !covered.has(r))).toEqual([]);
  });
});
