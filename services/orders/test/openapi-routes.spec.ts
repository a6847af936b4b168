/**
 * The contract test: the routes the service actually serves under /api/v1 are exactly the operations of
 * openapi/orders.yaml (paths and methods), and every documented operation answers instead of 404/405.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createService, type ServiceApp } from '@shipshape/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { definition } from '../src/app.js';
import { testConfig } from './support.js';

const specFile = fileURLToPath(new URL('../openapi/orders.yaml', import.meta.url));
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function specOperations(): string[] {
  const doc = parse(readFileSync(specFile, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths)
    .flatMap(([path, item]) =>
      Object.keys(item)
        .filter((m) => METHODS.includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    )
    .sort();
}

describe('OpenAPI ↔ running routes', () => {
  const served: string[] = [];
  let svc: ServiceApp;

  beforeAll(async () => {
    svc = await createService(
      {
        ...definition,
        routes: async (api) => {
          api.addHook('onRoute', (route) => {
            const methods = Array.isArray(route.method) ? route.method : [route.method];
            for (const method of methods) {
              if (method === 'HEAD') continue; // Fastify's automatic HEAD for GET routes
              served.push(`${method} ${route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`);
            }
          });
          await definition.routes(api);
        },
      },
      testConfig(),
    );
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('serves exactly the paths and methods the spec documents', () => {
    expect([...new Set(served)].sort()).toEqual(specOperations());
  });

  it('answers every documented operation (401 without a token, never 404/405)', async () => {
    for (const op of specOperations()) {
      const [method, path] = op.split(' ');
      const url = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      const res = await svc.app.inject({ method: method as 'GET', url });
      expect(res.statusCode, op).toBe(401);
      expect(res.headers['content-type'], op).toMatch(/^application\/problem\+json/);
    }
  });
});
