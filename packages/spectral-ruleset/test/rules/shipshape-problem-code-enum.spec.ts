import { describe, expect, it } from 'vitest';
import { openapiDoc } from '../documents.js';
import { lintRule, pathsOf } from '../harness.js';

const RULE = 'shipshape-problem-code-enum';
const SCHEMA_404 = [
  'paths',
  '/api/v1/orders/{orderId}',
  'get',
  'responses',
  '404',
  'content',
  'application/problem+json',
  'schema',
];

describe(RULE, () => {
  it('passes an enum of <ORG>.<SVC>.<CODE> codes', async () => {
    expect(await lintRule(RULE, openapiDoc())).toEqual([]);
  });

  it('finds the enum in an allOf part that narrows the code', async () => {
    const doc = openapiDoc();
    doc.paths['/api/v1/orders/{orderId}'].get.responses['404'].content['application/problem+json'].schema = {
      allOf: [
        { $ref: '#/components/schemas/Problem' },
        { properties: { code: { enum: ['ACME.ORDERS.ORDER_NOT_FOUND'] } } },
      ],
    };
    doc.components.schemas.Problem.properties.code = { type: 'string' };
    const findings = await lintRule(RULE, doc);
    expect(findings.filter((f) => f.path.join('/').startsWith(SCHEMA_404.join('/')))).toEqual([]);
  });

  it('reports a code that is a free string once, at the shared definition', async () => {
    const doc = openapiDoc();
    doc.components.schemas.Problem.properties.code = { type: 'string' };
    expect((await lintRule(RULE, doc)).map((f) => [f.path, f.message])).toEqual([
      [
        ['components', 'schemas', 'Problem', 'properties', 'code'],
        'problem "code" must be an enum of registered codes',
      ],
    ]);
  });

  it('reports a malformed code at its enum item', async () => {
    const doc = openapiDoc();
    doc.components.schemas.Problem.properties.code.enum.push('order_not_found');
    const findings = await lintRule(RULE, doc);
    expect(findings.map((f) => f.path)).toEqual([
      ['components', 'schemas', 'Problem', 'properties', 'code', 'enum', '2'],
    ]);
    expect(findings[0].message).toContain('"order_not_found" does not match');
  });

  it('reports an inline problem schema at its own path', async () => {
    const doc = openapiDoc();
    doc.paths['/api/v1/orders/{orderId}'].get.responses['404'].content['application/problem+json'].schema = {
      type: 'object',
      properties: { code: { type: 'string', enum: ['NOT_FOUND'] } },
    };
    expect(await pathsOf(RULE, doc)).toEqual([[...SCHEMA_404, 'properties', 'code', 'enum', '0']]);
  });
});
