import { describe, expect, it } from 'vitest';
import { openapiDoc, probePath } from '../documents.js';
import { pathsOf } from '../harness.js';

const RULE = 'shipshape-operation-summary';

describe(RULE, () => {
  it('passes operations with a summary', async () => {
    expect(await pathsOf(RULE, openapiDoc())).toEqual([]);
  });

  it('reports a missing or empty summary at the operation', async () => {
    const doc = openapiDoc();
    doc.paths['/health/live'] = probePath();
    delete doc.paths['/health/live'].get.summary;
    doc.paths['/api/v1/orders'].post.summary = '';
    expect(await pathsOf(RULE, doc)).toEqual([
      ['paths', '/api/v1/orders', 'post', 'summary'],
      ['paths', '/health/live', 'get'],
    ]);
  });
});
