import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SchemaValidator } from '../validate.js';
import { discover } from './discover.js';
import { loadSpec } from './load.js';
import { documentedResponse } from './lookup.js';

const fixtureSpec = fileURLToPath(new URL('../../fixture/openapi.yaml', import.meta.url));

describe('discover', () => {
  it('finds the CRUD resource, its operations, the id parameter and the registered codes', async () => {
    const doc = await loadSpec(fixtureSpec, process.cwd());
    const model = discover(doc, fixtureSpec, { apiPrefix: '/api/v1' });
    expect(model.dialect).toBe('3.1');
    expect(model.resource).toMatchObject({
      collectionPath: '/api/v1/items',
      itemPath: '/api/v1/items/{itemId}',
      idParam: 'itemId',
    });
    expect(model.resource!.update!.method).toBe('PATCH');
    expect(model.resource!.create!.parameters.map((p) => p.name)).toEqual(['Idempotency-Key']);
    expect(model.methodsByPath.get('/api/v1/items/{itemId}')).toEqual(['GET', 'DELETE', 'PATCH']);
    expect(model.problemCodes.has('FIXTURE.ITEMS.ITEM_NOT_FOUND')).toBe(true);
    expect(model.operations.find((op) => op.path === '/api/v1/legacy-items')!.deprecated).toBe(true);
    // $refs are resolved: the create body is the CreateItem schema itself.
    expect(model.resource!.create!.requestBody!.content['application/json']).toMatchObject({
      required: ['name', 'quantity'],
    });
  });

  it('reads 3.0 documents: server base path, nullable, path-level parameters, the configured resource', () => {
    const doc = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      servers: [{ url: 'https://{host}/api/v1/' }],
      security: [{ bearer: [] }],
      paths: {
        '/things': {
          get: { responses: { '200': { description: 'ok' } } },
          post: { responses: { '201': { description: 'ok' } } },
        },
        '/things/{thingId}': {
          parameters: [{ name: 'thingId', in: 'path', required: true, schema: { type: 'string' } }],
          get: { security: [{}], responses: { '200': { description: 'ok' }, '4XX': { description: 'err' } } },
        },
        '/others': { post: { responses: { '201': { description: 'ok' } } } },
        '/others/{id}': { get: { responses: { default: { description: 'ok' } } } },
      },
    };
    const model = discover(doc, 'inline', { apiPrefix: '/api/v1', resource: '/others' });
    expect(model.dialect).toBe('3.0');
    expect(model.basePath).toBe('/api/v1');
    expect(model.resource).toMatchObject({ collectionPath: '/api/v1/others', idParam: 'id' });
    const read = model.operations.find((op) => op.path === '/api/v1/things/{thingId}')!;
    expect(read.parameters).toEqual([
      { name: 'thingId', in: 'path', required: true, schema: { type: 'string' } },
    ]);
    expect(read.secured).toBe(false);
    expect(documentedResponse(read, 404)).toBe(read.responses['4XX']);
    const validator = new SchemaValidator('3.0');
    expect(validator.validate({ type: 'string', nullable: true }, null, 'response')).toEqual([]);
    expect(
      validator.validate({ type: 'integer', minimum: 1, exclusiveMinimum: true }, 1, 'response'),
    ).not.toEqual([]);
  });
});
