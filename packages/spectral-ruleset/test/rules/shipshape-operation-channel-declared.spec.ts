import { describe, expect, it } from 'vitest';
import { asyncapiDoc } from '../documents.js';
import { lintRule, pathsOf } from '../harness.js';

const RULE = 'shipshape-operation-channel-declared';
const OP = ['operations', 'publishOrderCreated'];

describe(RULE, () => {
  it('passes operations referencing declared channels and their messages', async () => {
    expect(await pathsOf(RULE, asyncapiDoc())).toEqual([]);
  });

  it('reports a reference to an undeclared channel', async () => {
    const doc = asyncapiDoc();
    doc.operations.publishOrderCreated.channel = { $ref: '#/channels/orderShipped' };
    doc.operations.publishOrderCreated.messages = [];
    expect((await lintRule(RULE, doc)).map((f) => [f.path, f.message])).toEqual([
      [[...OP, 'channel', '$ref'], 'operation references undeclared channel "orderShipped"'],
    ]);
  });

  it('reports an inline channel (not a $ref)', async () => {
    const doc = asyncapiDoc();
    doc.operations.publishOrderCreated.channel = { address: 'acme.orders.order.created.v1' };
    expect(await pathsOf(RULE, doc)).toEqual([[...OP, 'channel']]);
  });

  it('reports a message of another channel', async () => {
    const doc = asyncapiDoc();
    doc.operations.publishOrderCreated.messages = [{ $ref: '#/channels/orderDeleted/messages/orderDeleted' }];
    expect((await lintRule(RULE, doc)).map((f) => [f.path, f.message])).toEqual([
      [
        [...OP, 'messages', '0'],
        'operation message must reference a message of channel "orderCreated" (#/channels/orderCreated/messages/<id>)',
      ],
    ]);
  });
});
