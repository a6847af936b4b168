import { describe, expect, it } from 'vitest';
import { openapiDoc } from '../documents.js';
import { lintRule, pathsOf } from '../harness.js';

const RULE = 'shipshape-input-integer-bounded';

describe(RULE, () => {
  it('passes integers with both bounds (exclusive bounds count)', async () => {
    const doc = openapiDoc();
    doc.components.schemas.OrderCreate.properties.quantity = {
      type: 'integer',
      exclusiveMinimum: 0,
      maximum: 10,
    };
    expect(await pathsOf(RULE, doc)).toEqual([]);
  });

  it('reports the missing bound by name', async () => {
    const doc = openapiDoc();
    delete doc.components.schemas.OrderCreate.properties.quantity.maximum;
    delete doc.paths['/api/v1/orders'].get.parameters[0].schema.minimum;
    delete doc.paths['/api/v1/orders'].get.parameters[0].schema.maximum;
    expect((await lintRule(RULE, doc)).map((f) => [f.path, f.message])).toEqual([
      [
        ['paths', '/api/v1/orders', 'get', 'parameters', '0', 'schema'],
        'integer input must set minimum and maximum',
      ],
      [['components', 'schemas', 'OrderCreate', 'properties', 'quantity'], 'integer input must set maximum'],
    ]);
  });
});
