import { describe, expect, it } from 'vitest';
import { asyncapiDoc, openapiDoc } from '../documents.js';
import { pathsOf } from '../harness.js';

const RULE = 'shipshape-info-version-semver';

describe(RULE, () => {
  it('passes semantic versions in OpenAPI and AsyncAPI documents', async () => {
    const doc = openapiDoc();
    doc.info.version = '2.0.0-rc.1+build.5';
    expect(await pathsOf(RULE, doc)).toEqual([]);
    expect(await pathsOf(RULE, asyncapiDoc())).toEqual([]);
  });

  it('reports a version that is not MAJOR.MINOR.PATCH', async () => {
    const doc = openapiDoc();
    doc.info.version = 'v1';
    expect(await pathsOf(RULE, doc)).toEqual([['info', 'version']]);
    const events = asyncapiDoc();
    events.info.version = '1.0';
    expect(await pathsOf(RULE, events)).toEqual([['info', 'version']]);
  });
});
