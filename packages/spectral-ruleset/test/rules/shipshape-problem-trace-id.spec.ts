import { describe, expect, it } from 'vitest';
import { openapiDoc } from '../documents.js';
import { lintRule } from '../harness.js';

const RULE = 'shipshape-problem-trace-id';

describe(RULE, () => {
  it('passes a problem schema with traceId (not required: the runtime adds it when tracing)', async () => {
    expect(await lintRule(RULE, openapiDoc())).toEqual([]);
  });

  it('reports a problem schema without traceId at the schema', async () => {
    const doc = openapiDoc();
    delete doc.components.schemas.Problem.properties.traceId;
    expect((await lintRule(RULE, doc)).map((f) => [f.path, f.message])).toEqual([
      [['components', 'schemas', 'Problem'], 'problem schema must declare traceId'],
    ]);
  });
});
