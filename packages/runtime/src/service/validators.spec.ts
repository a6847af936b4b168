import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { createValidatorCompiler } from './validators.js';

describe('createValidatorCompiler', () => {
  const app = Fastify();
  app.setValidatorCompiler(createValidatorCompiler());
  app.post(
    '/things',
    {
      schema: {
        querystring: { type: 'object', properties: { limit: { type: 'integer' } } },
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['name'],
          properties: { name: { type: 'string' }, at: { type: 'string', format: 'date-time' } },
        },
      },
    },
    async (request) => ({ query: request.query, body: request.body }),
  );
  afterAll(() => app.close());

  const post = (body: unknown, url = '/things') =>
    app.inject({ method: 'POST', url, payload: body as object });

  it('does not coerce JSON body types: a number is not a string', async () => {
    expect((await post({ name: 12345 })).statusCode).toBe(400);
  });

  it('rejects unknown body members instead of dropping them', async () => {
    expect((await post({ name: 'a', extra: true })).statusCode).toBe(400);
  });

  it('checks formats', async () => {
    expect((await post({ name: 'a', at: 'yesterday' })).statusCode).toBe(400);
    expect((await post({ name: 'a', at: '2026-01-01T00:00:00Z' })).statusCode).toBe(200);
  });

  it('still coerces querystring values, which are text on the wire', async () => {
    const res = await post({ name: 'a' }, '/things?limit=10');
    expect(res.statusCode).toBe(200);
    expect(res.json().query).toEqual({ limit: 10 });
  });
});
