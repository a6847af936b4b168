import { describe, expect, it } from 'vitest';
import { openapiDoc, probePath } from '../documents.js';
import { lintRule, pathsOf } from '../harness.js';

const RULE = 'shipshape-operation-401';

describe(RULE, () => {
  it('passes business operations documenting 401 (probes need not)', async () => {
    const doc = openapiDoc();
    doc.paths['/health/live'] = probePath();
    expect(await pathsOf(RULE, doc)).toEqual([]);
  });

  it('reports a business operation without 401 at its responses', async () => {
    const doc = openapiDoc();
    delete doc.paths['/api/v1/orders/{orderId}'].get.responses['401'];
    expect((await lintRule(RULE, doc)).map((f) => [f.path, f.message])).toEqual([
      [
        ['paths', '/api/v1/orders/{orderId}', 'get', 'responses'],
        'authenticated operation must document the 401 response',
      ],
    ]);
  });
});
