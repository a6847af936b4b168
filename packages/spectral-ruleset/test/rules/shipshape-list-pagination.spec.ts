import { describe, expect, it } from 'vitest';
import { openapiDoc } from '../documents.js';
import { lintRule, pathsOf } from '../harness.js';

const RULE = 'shipshape-list-pagination';
const LIST = ['paths', '/api/v1/orders', 'get'];

describe(RULE, () => {
  it('passes a list with limit and cursor; single-item GETs are not lists', async () => {
    expect(await pathsOf(RULE, openapiDoc())).toEqual([]);
  });

  it('reports a list without pagination parameters at the operation', async () => {
    const doc = openapiDoc();
    doc.paths['/api/v1/orders'].get.parameters = [];
    expect((await lintRule(RULE, doc)).map((f) => [f.path, f.message])).toEqual([
      [LIST, 'list operation must accept a "limit" query parameter'],
      [LIST, 'list operation must accept a "cursor" query parameter'],
    ]);
  });

  it('treats a bare array body as a list', async () => {
    const doc = openapiDoc();
    const get = doc.paths['/api/v1/orders/{orderId}'].get;
    get.responses['200'].content['application/json'].schema = { type: 'array', items: { type: 'object' } };
    expect(await pathsOf(RULE, doc)).toEqual([
      ['paths', '/api/v1/orders/{orderId}', 'get'],
      ['paths', '/api/v1/orders/{orderId}', 'get'],
    ]);
  });

  it('reports an unbounded limit and a non-string cursor at their schemas', async () => {
    const doc = openapiDoc();
    const [limit, cursor] = doc.paths['/api/v1/orders'].get.parameters;
    delete limit.schema.maximum;
    cursor.schema = { type: 'integer', minimum: 0, maximum: 9 };
    expect((await lintRule(RULE, doc)).map((f) => [f.path, f.message])).toEqual([
      [[...LIST, 'parameters', '0', 'schema'], '"limit" must be an integer with a maximum'],
      [[...LIST, 'parameters', '1', 'schema'], '"cursor" must be a string'],
    ]);
  });
});
