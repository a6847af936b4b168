import { describe, expect, it } from 'vitest';
import { asyncapiDoc } from '../documents.js';
import { lintRule, pathsOf } from '../harness.js';

const RULE = 'shipshape-message-cloudevents-envelope';
const MESSAGE = ['components', 'messages', 'OrderCreated'];

describe(RULE, () => {
  it('passes structured-mode messages carrying every attribute', async () => {
    expect(await pathsOf(RULE, asyncapiDoc())).toEqual([]);
  });

  it('accepts binary mode: attributes as ce_ headers, payload = data', async () => {
    const doc = asyncapiDoc();
    const names = ['id', 'source', 'specversion', 'type', 'time', 'subject', 'datacontenttype'];
    doc.components.messages.OrderCreated = {
      name: 'OrderCreated',
      headers: {
        type: 'object',
        properties: Object.fromEntries(names.map((n) => [`ce_${n}`, { type: 'string' }])),
      },
      payload: { type: 'object', properties: { id: { type: 'string' } } },
    };
    expect(await pathsOf(RULE, doc)).toEqual([]);
  });

  it('reports missing attributes at the payload, naming them', async () => {
    const doc = asyncapiDoc();
    const { properties } = doc.components.messages.OrderCreated.payload;
    delete properties.time;
    delete properties.subject;
    expect((await lintRule(RULE, doc)).map((f) => [f.path, f.message])).toEqual([
      [
        [...MESSAGE, 'payload'],
        'message must carry CloudEvents attribute(s) time, subject in payload or headers',
      ],
    ]);
  });

  it('reports a specversion pinned to something else than 1.0', async () => {
    const doc = asyncapiDoc();
    doc.components.messages.OrderCreated.payload.properties.specversion.const = '0.3';
    expect((await lintRule(RULE, doc)).map((f) => [f.path, f.message])).toEqual([
      [[...MESSAGE, 'payload', 'properties', 'specversion'], 'specversion must be "1.0"'],
    ]);
  });
});
