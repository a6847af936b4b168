import { describe, expect, it } from 'vitest';
import { openapiDoc } from '../documents.js';
import { lintRule, pathsOf } from '../harness.js';

const RULE = 'shipshape-request-body-closed';
const CREATE = ['components', 'schemas', 'OrderCreate'];

describe(RULE, () => {
  it('passes closed request bodies', async () => {
    expect(await pathsOf(RULE, openapiDoc())).toEqual([]);
  });

  it('accepts allOf closed by unevaluatedProperties, and maps bounded by maxProperties', async () => {
    const doc = openapiDoc();
    doc.components.schemas.OrderCreate = {
      allOf: [{ type: 'object', properties: { note: { type: 'string', maxLength: 5 } } }],
      unevaluatedProperties: false,
      properties: {
        labels: { type: 'object', maxProperties: 20, additionalProperties: { type: 'string', maxLength: 5 } },
      },
    };
    expect(await pathsOf(RULE, doc)).toEqual([]);
  });

  it('reports an open object at the schema, nested ones too', async () => {
    const doc = openapiDoc();
    const create = doc.components.schemas.OrderCreate;
    delete create.additionalProperties;
    create.properties.address = { type: 'object', properties: { city: { type: 'string', maxLength: 5 } } };
    const findings = await lintRule(RULE, doc);
    expect(findings.map((f) => [f.path, f.message])).toEqual([
      [CREATE, 'request body object must set additionalProperties: false'],
      [[...CREATE, 'properties', 'address'], 'request body object must set additionalProperties: false'],
    ]);
  });

  it('reports an unbounded map', async () => {
    const doc = openapiDoc();
    doc.components.schemas.OrderCreate.properties.labels = {
      type: 'object',
      additionalProperties: { type: 'string' },
    };
    expect((await lintRule(RULE, doc)).map((f) => [f.path, f.message])).toEqual([
      [[...CREATE, 'properties', 'labels'], 'request body map must bound its size with maxProperties'],
    ]);
  });
});
