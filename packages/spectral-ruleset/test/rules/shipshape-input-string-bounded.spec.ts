import { describe, expect, it } from 'vitest';
import { openapiDoc } from '../documents.js';
import { lintRule, pathsOf } from '../harness.js';

const RULE = 'shipshape-input-string-bounded';

describe(RULE, () => {
  it('passes strings with maxLength, enum or const, and ignores response schemas', async () => {
    const doc = openapiDoc();
    doc.components.schemas.OrderCreate.properties.kind = { type: 'string', enum: ['a', 'b'] };
    doc.components.schemas.OrderCreate.properties.version = { type: 'string', const: 'v1' };
    expect(await pathsOf(RULE, doc)).toEqual([]);
  });

  it('reports an unbounded string in a body and in a parameter', async () => {
    const doc = openapiDoc();
    delete doc.components.schemas.OrderCreate.properties.tags.items.maxLength;
    delete doc.paths['/api/v1/orders'].get.parameters[1].schema.maxLength;
    const findings = await lintRule(RULE, doc);
    expect(findings.map((f) => f.path)).toEqual([
      ['paths', '/api/v1/orders', 'get', 'parameters', '1', 'schema'],
      ['components', 'schemas', 'OrderCreate', 'properties', 'tags', 'items'],
    ]);
    expect(findings[0].message).toBe('string input must set maxLength (or enum/const)');
  });

  it('checks nullable type arrays too', async () => {
    const doc = openapiDoc();
    doc.components.schemas.OrderCreate.properties.note = { type: ['string', 'null'] };
    expect(await pathsOf(RULE, doc)).toEqual([
      ['components', 'schemas', 'OrderCreate', 'properties', 'note'],
    ]);
  });
});
