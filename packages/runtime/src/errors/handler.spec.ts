import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken } from '../auth/auth.js';
import { problem } from './problem.js';
import { testHttpApp, type TestHttpApp } from '../service/http-app.spec-helper.js';

let t: TestHttpApp;
let auth: Record<string, string>;

beforeAll(async () => {
  t = await testHttpApp({
    routes: (api) => {
      api.post(
        '/orders',
        {
          schema: {
            body: {
              type: 'object',
              required: ['sku', 'quantity'],
              additionalProperties: false,
              properties: {
                sku: { type: 'string', minLength: 1 },
                quantity: { type: 'integer', minimum: 1 },
              },
            },
            response: { 201: { type: 'object', properties: { id: { type: 'string' } } } },
          },
        },
        async (_request, reply) => reply.code(201).send({ id: 'o-1' }),
      );
      api.get('/orders/:id', async () => {
        throw problem('NOT_FOUND', { detail: 'No order o-9' });
      });
      api.get('/boom', async () => {
        throw new Error('relation "secret_table" does not exist at /srv/app/src/x.ts:12');
      });
      api.get('/unregistered', async () => {
        throw problem('ORDER_EXPLODED');
      });
      api.get('/conflict', async () => {
        throw problem('CONFLICT', { detail: 'taken', extensions: { field: 'sku', status: 999 } });
      });
    },
  });
  auth = { authorization: `Bearer ${await mintDevToken({ tenant: 't1', serviceName: 'orders' })}` };
});
afterAll(() => t.close());

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- problem bodies are read member by member
type Json = any;

function expectProblem(
  res: { statusCode: number; headers: Record<string, unknown>; json(): Json },
  status: number,
  code: string,
) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  const body = res.json();
  expect(body.status).toBe(status);
  expect(body.code).toBe(`ACME.ORDERS.${code}`);
  expect(body.type).toMatch(/^urn:problem-type:acme:orders:/);
  expect(typeof body.title).toBe('string');
  expect(body.traceId).toMatch(/^[0-9a-f]{32}$/);
  expect(body.traceId).toBe(String(res.headers.traceresponse).split('-')[1]);
  return body;
}

describe('problem+json for Fastify’s own errors', () => {
  it('malformed JSON → 400 MALFORMED_JSON', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '{"sku": "a",',
    });
    expectProblem(res, 400, 'MALFORMED_JSON');
  });

  it('empty body with a JSON content type → 400 MALFORMED_JSON', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '',
    });
    expectProblem(res, 400, 'MALFORMED_JSON');
  });

  it('prototype poisoning in JSON → 400 problem, never a 5xx', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '{"sku":"a","quantity":1,"__proto__":{"admin":true}}',
    });
    expectProblem(res, 400, 'MALFORMED_JSON');
  });

  it('a content-length that does not match the body → 400 problem', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { ...auth, 'content-type': 'application/json', 'content-length': '5' },
      payload: JSON.stringify({ sku: 'a', quantity: 1 }),
    });
    expectProblem(res, 400, 'BAD_REQUEST');
  });

  it('wrong content type → 415, text/plain included', async () => {
    for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/orders',
        headers: { ...auth, 'content-type': type },
        payload: 'sku=a',
      });
      expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('a +json media type is parsed as JSON', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { ...auth, 'content-type': 'application/vnd.acme+json' },
      payload: JSON.stringify({ sku: 'a', quantity: 1 }),
    });
    expect(res.statusCode).toBe(201);
  });

  it('2 MB body → 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: JSON.stringify({ sku: 'x'.repeat(2 * 1024 * 1024), quantity: 1 }),
    });
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('schema violations → 400 VALIDATION_FAILED listing every failing field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: auth,
      payload: { quantity: 0, colour: 'red' },
    });
    const body = expectProblem(res, 400, 'VALIDATION_FAILED');
    const fields = body.errors.map((e: { in: string; field: string }) => `${e.in}:${e.field}`).sort();
    expect(fields).toEqual(['body:colour', 'body:quantity', 'body:sku']);
    expect(body.detail).toContain('body.sku');
  });

  it('unknown route → 404 ROUTE_NOT_FOUND', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v2/nothing?x=1', headers: auth });
    const body = expectProblem(res, 404, 'ROUTE_NOT_FOUND');
    expect(body.instance).toBe('/api/v2/nothing');
  });

  it('known path, wrong method → 405 with Allow', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: '/api/v1/orders/o-1', headers: auth });
    expectProblem(res, 405, 'METHOD_NOT_ALLOWED');
    expect(res.headers.allow).toBe('GET, HEAD');
    const post = await t.app.inject({ method: 'PUT', url: '/api/v1/orders', headers: auth, payload: {} });
    expectProblem(post, 405, 'METHOD_NOT_ALLOWED');
    expect(post.headers.allow).toBe('POST');
  });

  it('a malformed URL → 400 problem+json', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/orders/%E0%A4%A', headers: auth });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.json().status).toBe(400);
  });
});

describe('problems raised by routes', () => {
  it('problem(code) → registered status, title and type; detail kept', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/orders/o-9', headers: auth });
    const body = expectProblem(res, 404, 'NOT_FOUND');
    expect(body).toMatchObject({
      title: 'Resource not found',
      detail: 'No order o-9',
      instance: '/api/v1/orders/o-9',
    });
  });

  it('extensions are added but cannot overwrite reserved members', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/conflict', headers: auth });
    const body = expectProblem(res, 409, 'CONFLICT');
    expect(body.field).toBe('sku');
    expect(body.status).toBe(409);
  });

  it('an unexpected error → 500 INTERNAL without stack or SQL, logged with the trace id', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/boom', headers: auth });
    const body = expectProblem(res, 500, 'INTERNAL');
    expect(res.body).not.toContain('secret_table');
    expect(res.body).not.toContain('x.ts');
    expect(body.detail).toContain('traceId');
    const logged = t.logs.find((l) => l.traceId === body.traceId && l.level === 'error');
    expect(logged).toBeDefined();
    expect(JSON.stringify(logged)).toContain('secret_table');
  });

  it('an unregistered code → 500 INTERNAL and an error log naming the code', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/unregistered', headers: auth });
    const body = expectProblem(res, 500, 'INTERNAL');
    expect(t.logs.some((l) => l.traceId === body.traceId && String(l.msg).includes('ORDER_EXPLODED'))).toBe(
      true,
    );
  });
});
