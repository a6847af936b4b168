import { describe, expect, it } from 'vitest';
import { openapiDoc } from '../documents.js';
import { lintRule, pathsOf } from '../harness.js';

const RULE = 'shipshape-operation-id-camel-case';

describe(RULE, () => {
  it('passes camelCase operation ids', async () => {
    expect(await pathsOf(RULE, openapiDoc())).toEqual([]);
  });

  it('reports snake_case and PascalCase ids at operationId', async () => {
    const doc = openapiDoc();
    doc.paths['/api/v1/orders'].get.operationId = 'list_orders';
    doc.paths['/api/v1/orders'].post.operationId = 'CreateOrder';
    const findings = await lintRule(RULE, doc);
    expect(findings.map((f) => f.path)).toEqual([
      ['paths', '/api/v1/orders', 'get', 'operationId'],
      ['paths', '/api/v1/orders', 'post', 'operationId'],
    ]);
    expect(findings[0].message).toBe('operationId list_orders must be camelCase');
  });
});
