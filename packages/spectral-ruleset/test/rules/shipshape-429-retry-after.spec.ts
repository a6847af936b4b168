import { describe, expect, it } from 'vitest';
import { openapiDoc } from '../documents.js';
import { lintRule, pathsOf } from '../harness.js';

const RULE = 'shipshape-429-retry-after';

describe(RULE, () => {
  it('passes a 429 declaring Retry-After', async () => {
    expect(await pathsOf(RULE, openapiDoc())).toEqual([]);
  });

  it('reports a 429 without Retry-After', async () => {
    const doc = openapiDoc();
    delete doc.components.responses.TooManyRequests.headers;
    expect((await lintRule(RULE, doc)).map((f) => [f.path, f.message])).toEqual([
      [['components', 'responses', 'TooManyRequests'], '429 response must declare the Retry-After header'],
    ]);
  });
});
