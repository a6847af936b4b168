import { describe, expect, it } from 'vitest';
import { openapiDoc } from '../documents.js';
import { lintRule, pathsOf } from '../harness.js';

const RULE = 'shipshape-post-idempotency-key';
const POST = ['paths', '/api/v1/orders', 'post'];

describe(RULE, () => {
  it('passes a POST with a required, length-limited Idempotency-Key', async () => {
    expect(await pathsOf(RULE, openapiDoc())).toEqual([]);
  });

  it('accepts the header declared on the path item, in any letter case', async () => {
    const doc = openapiDoc();
    const [param] = doc.paths['/api/v1/orders'].post.parameters;
    param.name = 'idempotency-key';
    doc.paths['/api/v1/orders'].parameters = [param];
    doc.paths['/api/v1/orders'].post.parameters = [];
    expect(await pathsOf(RULE, doc)).toEqual([]);
  });

  it('lets an operation opt out with x-shipshape-idempotency: false', async () => {
    const doc = openapiDoc();
    doc.paths['/api/v1/orders'].post.parameters = [];
    doc.paths['/api/v1/orders'].post['x-shipshape-idempotency'] = false;
    expect(await pathsOf(RULE, doc)).toEqual([]);
  });

  it('reports a POST without the header at the operation', async () => {
    const doc = openapiDoc();
    doc.paths['/api/v1/orders'].post.parameters = [];
    const findings = await lintRule(RULE, doc);
    expect(findings.map((f) => [f.path, f.message])).toEqual([
      [POST, 'POST must declare the "Idempotency-Key" header parameter'],
    ]);
  });

  it('reports an optional header at `required`', async () => {
    const doc = openapiDoc();
    doc.paths['/api/v1/orders'].post.parameters[0].required = false;
    expect(await pathsOf(RULE, doc)).toEqual([[...POST, 'parameters', '0', 'required']]);
  });

  it('reports an unbounded or too long key at its schema', async () => {
    const doc = openapiDoc();
    delete doc.paths['/api/v1/orders'].post.parameters[0].schema.maxLength;
    expect(await pathsOf(RULE, doc)).toEqual([[...POST, 'parameters', '0', 'schema']]);
    doc.paths['/api/v1/orders'].post.parameters[0].schema.maxLength = 10_000;
    const findings = await lintRule(RULE, doc);
    expect(findings.map((f) => [f.path, f.message])).toEqual([
      [[...POST, 'parameters', '0', 'schema', 'maxLength'], '"Idempotency-Key" maxLength 10000 exceeds 255'],
    ]);
  });
});
