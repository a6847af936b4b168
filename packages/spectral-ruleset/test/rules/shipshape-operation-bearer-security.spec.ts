import { describe, expect, it } from 'vitest';
import { openapiDoc, probePath } from '../documents.js';
import { lintRule, pathsOf } from '../harness.js';

const RULE = 'shipshape-operation-bearer-security';
const GET = ['paths', '/api/v1/orders/{orderId}', 'get'];

describe(RULE, () => {
  it('passes business operations under the document-wide bearer requirement; probes may be open', async () => {
    const doc = openapiDoc();
    doc.paths['/health/live'] = probePath();
    expect(await pathsOf(RULE, doc)).toEqual([]);
  });

  it('reports an operation that opts out with security: []', async () => {
    const doc = openapiDoc();
    doc.paths['/api/v1/orders/{orderId}'].get.security = [];
    expect((await lintRule(RULE, doc)).map((f) => [f.path, f.message])).toEqual([
      [[...GET, 'security'], 'operation must require bearer authentication (security)'],
    ]);
  });

  it('reports an anonymous alternative', async () => {
    const doc = openapiDoc();
    doc.paths['/api/v1/orders/{orderId}'].get.security = [{ bearerAuth: [] }, {}];
    expect(await pathsOf(RULE, doc)).toEqual([[...GET, 'security', '1']]);
  });

  it('reports a non-bearer scheme', async () => {
    const doc = openapiDoc();
    doc.components.securitySchemes.apiKey = { type: 'apiKey', in: 'header', name: 'X-Api-Key' };
    doc.paths['/api/v1/orders/{orderId}'].get.security = [{ apiKey: [] }];
    expect((await lintRule(RULE, doc)).map((f) => f.message)).toEqual([
      'security scheme "apiKey" must be declared as type http, scheme bearer',
    ]);
  });

  it('reports every business operation when the document has no security at all', async () => {
    const doc = openapiDoc();
    delete doc.security;
    expect(await pathsOf(RULE, doc)).toEqual([
      ['paths', '/api/v1/orders', 'get'],
      ['paths', '/api/v1/orders', 'post'],
      GET,
    ]);
  });
});
