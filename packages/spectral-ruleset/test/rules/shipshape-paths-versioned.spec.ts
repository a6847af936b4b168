import { describe, expect, it } from 'vitest';
import { openapiDoc, probePath } from '../documents.js';
import { pathsOf } from '../harness.js';

const RULE = 'shipshape-paths-versioned';

describe(RULE, () => {
  it('passes /api/v1/ paths and the exempt probes', async () => {
    const doc = openapiDoc();
    for (const probe of ['/health', '/health/live', '/health/ready', '/metrics'])
      doc.paths[probe] = probePath();
    expect(await pathsOf(RULE, doc)).toEqual([]);
  });

  it('reports a business path outside /api/v<N>/ at its key', async () => {
    const doc = openapiDoc();
    doc.paths['/orders/{orderId}'] = doc.paths['/api/v1/orders/{orderId}'];
    delete doc.paths['/api/v1/orders/{orderId}'];
    expect(await pathsOf(RULE, doc)).toEqual([['paths', '/orders/{orderId}']]);
  });

  it('does not let a probe-like prefix through', async () => {
    const doc = openapiDoc();
    doc.paths['/health/live/debug'] = probePath();
    doc.paths['/api/orders'] = doc.paths['/api/v1/orders'];
    expect(await pathsOf(RULE, doc)).toEqual([
      ['paths', '/health/live/debug'],
      ['paths', '/api/orders'],
    ]);
  });
});
