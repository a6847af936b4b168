import { describe, expect, it } from 'vitest';
import { openapiDoc } from '../documents.js';
import { lintRule } from '../harness.js';

const RULE = 'shipshape-problem-schema-members';

describe(RULE, () => {
  it('passes a problem schema declaring and requiring type, title, status and code', async () => {
    expect(await lintRule(RULE, openapiDoc())).toEqual([]);
  });

  it('accepts members spread over allOf parts', async () => {
    const doc = openapiDoc();
    const { Problem } = doc.components.schemas;
    doc.components.schemas.Problem = {
      allOf: [
        {
          type: 'object',
          required: ['type', 'title', 'status'],
          properties: { type: {}, title: {}, status: {} },
        },
        {
          type: 'object',
          required: ['code'],
          properties: { code: Problem.properties.code, traceId: { type: 'string' } },
        },
      ],
    };
    expect(await lintRule(RULE, doc)).toEqual([]);
  });

  it('reports missing and optional members once, at the shared schema definition', async () => {
    const doc = openapiDoc();
    const { Problem } = doc.components.schemas;
    delete Problem.properties.code;
    Problem.required = ['type', 'title'];
    expect((await lintRule(RULE, doc)).map((f) => [f.path, f.message])).toEqual([
      [['components', 'schemas', 'Problem'], 'problem schema must declare code'],
      [['components', 'schemas', 'Problem'], 'problem schema must list status in required'],
    ]);
  });

  it('reports an inline problem schema at the response', async () => {
    const doc = openapiDoc();
    const content =
      doc.paths['/api/v1/orders/{orderId}'].get.responses['404'].content['application/problem+json'];
    content.schema = {
      type: 'object',
      required: ['type'],
      properties: { type: {}, title: {}, status: {}, code: {} },
    };
    expect((await lintRule(RULE, doc)).map((f) => [f.path, f.message])).toEqual([
      [
        [
          'paths',
          '/api/v1/orders/{orderId}',
          'get',
          'responses',
          '404',
          'content',
          'application/problem+json',
          'schema',
        ],
        'problem schema must list title, status, code in required',
      ],
    ]);
  });
});
