import { describe, expect, it } from 'vitest';
import { openapiDoc } from '../documents.js';
import { lintRule, pathsOf } from '../harness.js';

const RULE = 'shipshape-deprecated-sunset-headers';
const header = { description: 'h', schema: { type: 'string' } };

describe(RULE, () => {
  it('passes a deprecated operation whose 2xx responses document Deprecation and Sunset', async () => {
    const doc = openapiDoc();
    const op = doc.paths['/api/v1/orders/{orderId}'].get;
    op.deprecated = true;
    op.responses['200'].headers = { Deprecation: header, Sunset: header };
    expect(await pathsOf(RULE, doc)).toEqual([]);
  });

  it('ignores operations that are not deprecated', async () => {
    expect(await pathsOf(RULE, openapiDoc())).toEqual([]);
  });

  it('reports each missing header at the 2xx response', async () => {
    const doc = openapiDoc();
    const op = doc.paths['/api/v1/orders/{orderId}'].get;
    op.deprecated = true;
    op.responses['200'].headers = { Sunset: header };
    const findings = await lintRule(RULE, doc);
    // The missing header has no node of its own: Spectral reports the closest existing one.
    expect(findings.map((f) => [f.path, f.message])).toEqual([
      [
        ['paths', '/api/v1/orders/{orderId}', 'get', 'responses', '200', 'headers'],
        'deprecated operation must document headers.Deprecation on its 2xx responses',
      ],
    ]);
  });
});
