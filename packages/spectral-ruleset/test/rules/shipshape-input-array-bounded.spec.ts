import { describe, expect, it } from 'vitest';
import { openapiDoc } from '../documents.js';
import { lintRule, pathsOf } from '../harness.js';

const RULE = 'shipshape-input-array-bounded';

describe(RULE, () => {
  it('passes arrays with maxItems, and ignores response arrays', async () => {
    expect(await pathsOf(RULE, openapiDoc())).toEqual([]);
  });

  it('reports an array without maxItems in a body and in a query parameter', async () => {
    const doc = openapiDoc();
    delete doc.components.schemas.OrderCreate.properties.tags.maxItems;
    doc.paths['/api/v1/orders'].get.parameters.push({
      name: 'status',
      in: 'query',
      description: 'Filter.',
      schema: { type: 'array', items: { type: 'string', enum: ['open'] } },
    });
    const findings = await lintRule(RULE, doc);
    expect(findings.map((f) => [f.path, f.message])).toEqual([
      [['paths', '/api/v1/orders', 'get', 'parameters', '2', 'schema'], 'array input must set maxItems'],
      [['components', 'schemas', 'OrderCreate', 'properties', 'tags'], 'array input must set maxItems'],
    ]);
  });
});
