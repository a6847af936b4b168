import { describe, expect, it } from 'vitest';
import { DIFF_RULES, diffSpecs } from '../src/index.js';
import { asyncapi, type Doc } from './documents.js';
import { covered, runCases, shape, type Case } from './harness.js';

const CREATED = '/channels/orderCreated';
const SETTLED = '/channels/paymentSettled';
const MESSAGE = '/components/messages/OrderCreated';
const INBOUND = `${SETTLED}/messages/paymentSettled`;
const settled = (d: Doc) => d.channels.paymentSettled.messages.paymentSettled;

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
    name: 'a channel id renamed, same address (matched by address)',
    after: (d) => {
      d.channels.orderCreatedV1 = d.channels.orderCreated;
      delete d.channels.orderCreated;
      d.operations.publishOrderCreated.channel = { $ref: '#/channels/orderCreatedV1' };
      d.operations.publishOrderCreated.messages = [
        { $ref: '#/channels/orderCreatedV1/messages/orderCreated' },
      ];
    },
    forward: [['channel-renamed', '/channels/orderCreatedV1']],
    backward: [['channel-renamed', CREATED]],
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
    // paymentSettled is now also sent by the service: its messages are compared as sent too (nothing changed in them)
    forward: [['operation-channel-changed', '/operations/publishOrderCreated/channel']],
    backward: [['operation-channel-changed', '/operations/publishOrderCreated/channel']],
  },
  {
    name: 'operation security',
    after: (d) => (d.operations.onPaymentSettled.security = [{ type: 'userPassword' }]),
    forward: [['operation-security-added', '/operations/onPaymentSettled/security']],
    backward: [['operation-security-removed', '/operations/onPaymentSettled/security']],
  },
  {
    name: 'an operation security scheme',
    before: (d) => (d.operations.onPaymentSettled.security = [{ type: 'userPassword' }]),
    after: (d) => (d.operations.onPaymentSettled.security = [{ type: 'scramSha256' }]),
    forward: [['operation-security-changed', '/operations/onPaymentSettled/security']],
    backward: [['operation-security-changed', '/operations/onPaymentSettled/security']],
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
    name: 'a server',
    after: (d) => (d.servers.eu = { host: 'nats.eu.acme.io:4222', protocol: 'nats' }),
    forward: [['server-added', '/servers/eu']],
    backward: [['server-removed', '/servers/eu']],
  },
  {
    name: 'a server host',
    after: (d) => (d.servers.production.host = 'nats2.acme.io:4222'),
    forward: [['server-host-changed', '/servers/production/host']],
    backward: [['server-host-changed', '/servers/production/host']],
  },
  {
    name: 'a server pathname',
    after: (d) => (d.servers.production.pathname = '/orders/v2'),
    forward: [['server-pathname-changed', '/servers/production/pathname']],
    backward: [['server-pathname-changed', '/servers/production/pathname']],
  },
  {
    name: 'a server protocol',
    after: (d) => (d.servers.production.protocol = 'kafka'),
    forward: [['server-protocol-changed', '/servers/production/protocol']],
    backward: [['server-protocol-changed', '/servers/production/protocol']],
  },
  {
    name: 'server security',
    after: (d) => (d.servers.production.security = [{ type: 'userPassword' }]),
    forward: [['server-security-added', '/servers/production/security']],
    backward: [['server-security-removed', '/servers/production/security']],
  },
  {
    name: 'a server security scheme',
    before: (d) => (d.servers.production.security = [{ type: 'userPassword' }]),
    after: (d) => (d.servers.production.security = [{ type: 'X509' }]),
    forward: [['server-security-changed', '/servers/production/security']],
    backward: [['server-security-changed', '/servers/production/security']],
  },
  {
    name: 'a field of a sent event',
    after: (d) => delete d.components.messages.OrderCreated.payload.properties.data,
    forward: [['event-property-removed', `${MESSAGE}/payload/properties/data`]],
    backward: [['event-property-added', `${MESSAGE}/payload/properties/data`]],
  },
  {
    name: 'an enum value of a sent event',
    after: (d) =>
      d.components.messages.OrderCreated.payload.properties.data.properties.status.enum.push('cancelled'),
    forward: [['event-enum-widened', `${MESSAGE}/payload/properties/data/properties/status/enum`]],
    backward: [['event-enum-narrowed', `${MESSAGE}/payload/properties/data/properties/status/enum`]],
  },
  {
    name: 'a header limit of a sent event',
    after: (d) => (d.components.messages.OrderCreated.headers.properties.traceparent.maxLength = 128),
    forward: [['event-header-limit-widened', `${MESSAGE}/headers/properties/traceparent/maxLength`]],
    backward: [['event-header-limit-narrowed', `${MESSAGE}/headers/properties/traceparent/maxLength`]],
  },
  {
    name: 'a required field of a received event',
    after: (d) => {
      settled(d).payload.properties.amount = { type: 'integer' };
      settled(d).payload.required.push('amount');
    },
    forward: [['inbound-event-property-added-required', `${INBOUND}/payload/properties/amount`]],
    backward: [['inbound-event-property-ignored', `${INBOUND}/payload/properties/amount`]],
  },
  {
    name: 'an enum value of a received event',
    after: (d) => (settled(d).payload.properties.data.properties.status.enum = ['pending']),
    forward: [['inbound-event-enum-narrowed', `${INBOUND}/payload/properties/data/properties/status/enum`]],
    backward: [['inbound-event-enum-widened', `${INBOUND}/payload/properties/data/properties/status/enum`]],
  },
  {
    name: 'a header limit of a received event',
    after: (d) => (settled(d).headers.properties.traceparent.maxLength = 128),
    forward: [['inbound-event-header-limit-widened', `${INBOUND}/headers/properties/traceparent/maxLength`]],
    backward: [
      ['inbound-event-header-limit-narrowed', `${INBOUND}/headers/properties/traceparent/maxLength`],
    ],
  },
];

describe('AsyncAPI breaking-change rules', () => {
  runCases(cases, () => asyncapi(), ['3.0.0']);

  it('a message the service both sends and receives: the stricter direction wins', () => {
    const both = (d: Doc) =>
      (d.operations.replayOrderCreated = { action: 'receive', channel: { $ref: '#/channels/orderCreated' } });
    const a = asyncapi();
    both(a);
    const b = structuredClone(a);
    b.components.messages.OrderCreated.payload.properties.data.properties.status.enum = ['pending'];
    const narrowed = diffSpecs(a, b).changes;
    expect(narrowed.map((c) => [c.rule, c.class])).toEqual([['inbound-event-enum-narrowed', 'breaking']]);
    const c = structuredClone(a);
    c.components.messages.OrderCreated.payload.properties.data.properties.status.enum.push('cancelled');
    expect(diffSpecs(a, c).changes.map((x) => [x.rule, x.class])).toEqual([
      ['event-enum-widened', 'breaking'],
    ]);
  });

  it('request/reply on one channel: each message is compared in the direction of the operation that carries it', () => {
    const replies = (d: Doc) => {
      d.channels.paymentSettled.messages.settlementAck = {
        payload: { type: 'string', enum: ['ok', 'retry'] },
      };
      d.operations.ackPaymentSettled = {
        action: 'send',
        channel: { $ref: '#/channels/paymentSettled' },
        messages: [{ $ref: '#/channels/paymentSettled/messages/settlementAck' }],
      };
    };
    const a = asyncapi();
    replies(a);
    const b = structuredClone(a);
    // the received message gains an enum value (fine to receive), the sent one too (consumers break)
    b.channels.paymentSettled.messages.paymentSettled.payload.properties.data.properties.status.enum.push(
      'refunded',
    );
    b.channels.paymentSettled.messages.settlementAck.payload.enum.push('rejected');
    expect(diffSpecs(a, b).changes.map((c) => [c.rule, c.class])).toEqual([
      ['inbound-event-enum-widened', 'info'],
      ['event-enum-widened', 'breaking'],
    ]);
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

  it('has a minimal pair for every AsyncAPI structural rule and every schema suffix of each direction', () => {
    const seen = covered(cases);
    const structural = DIFF_RULES.filter((r) => r.spec === 'asyncapi' && !/^(inbound-)?event-/.test(r.id));
    expect(structural.filter((r) => !seen.has(r.id)).map((r) => r.id)).toEqual([]);
    for (const prefix of ['event', 'inbound-event', 'event-header', 'inbound-event-header'])
      expect([...seen].filter((id) => id.startsWith(`${prefix}-`)).length).toBeGreaterThan(0);
  });
});
