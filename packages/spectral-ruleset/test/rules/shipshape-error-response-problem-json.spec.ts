import { describe, expect, it } from 'vitest';
import { openapiDoc, probePath } from '../documents.js';
import { lintRule, pathsOf } from '../harness.js';

const RULE = 'shipshape-error-response-problem-json';
const GET = ['paths', '/api/v1/orders/{orderId}', 'get', 'responses'];

describe(RULE, () => {
  it('passes problem+json error responses, and leaves probes alone', async () => {
    const doc = openapiDoc();
    doc.paths['/health/live'] = probePath();
    doc.paths['/health/live'].get.responses['503'] = {
      description: 'not ready',
      content: { 'application/json': { schema: { type: 'object' } } },
    };
    expect(await pathsOf(RULE, doc)).toEqual([]);
  });

  it('reports an error response with another media type at that media type', async () => {
    const doc = openapiDoc();
    doc.paths['/api/v1/orders/{orderId}'].get.responses['404'] = {
      description: 'nf',
      content: { 'application/json': { schema: { type: 'object' } } },
    };
    const findings = await lintRule(RULE, doc);
    expect(findings.map((f) => [f.path, f.message])).toEqual([
      [[...GET, '404', 'content'], 'error response must declare content "application/problem+json"'],
      [
        [...GET, '404', 'content', 'application/json'],
        'error response declares "application/json"; only "application/problem+json" is allowed',
      ],
    ]);
  });

  it('reports a 5xx or default response without content', async () => {
    const doc = openapiDoc();
    doc.paths['/api/v1/orders/{orderId}'].get.responses['500'] = { description: 'boom' };
    doc.paths['/api/v1/orders/{orderId}'].get.responses.default = { description: 'other' };
    expect(await pathsOf(RULE, doc)).toEqual([
      [...GET, '500'],
      [...GET, 'default'],
    ]);
  });
});
