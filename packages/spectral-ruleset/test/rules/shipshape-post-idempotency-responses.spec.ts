import { describe, expect, it } from 'vitest';
import { openapiDoc } from '../documents.js';
import { lintRule, pathsOf } from '../harness.js';

const RULE = 'shipshape-post-idempotency-responses';

describe(RULE, () => {
  it('passes a POST documenting 409 and 422', async () => {
    expect(await pathsOf(RULE, openapiDoc())).toEqual([]);
  });

  it('skips a POST that opted out of idempotency', async () => {
    const doc = openapiDoc();
    const post = doc.paths['/api/v1/orders'].post;
    post['x-shipshape-idempotency'] = false;
    delete post.responses['409'];
    delete post.responses['422'];
    expect(await pathsOf(RULE, doc)).toEqual([]);
  });

  it('reports each missing response at the responses object', async () => {
    const doc = openapiDoc();
    const post = doc.paths['/api/v1/orders'].post;
    delete post.responses['409'];
    delete post.responses['422'];
    expect((await lintRule(RULE, doc)).map((f) => [f.path, f.message])).toEqual([
      [
        ['paths', '/api/v1/orders', 'post', 'responses'],
        'idempotent POST must document responses[409] (409: same key in flight, 422: same key, other payload)',
      ],
      [
        ['paths', '/api/v1/orders', 'post', 'responses'],
        'idempotent POST must document responses[422] (409: same key in flight, 422: same key, other payload)',
      ],
    ]);
  });
});
