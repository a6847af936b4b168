import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { mintDevToken } from '../auth/auth.js';
import { testHttpApp } from './http-app.spec-helper.js';
import headersPlugin, { deprecationHeaders } from './headers.js';

describe('response headers', () => {
  it('security headers on every response, no Server / X-Powered-By', async () => {
    const t = await testHttpApp({
      routes: (api) => {
        api.get(
          '/legacy',
          {
            config: {
              deprecated: {
                since: '2026-01-01T00:00:00Z',
                sunset: '2026-12-31',
                link: 'https://docs.example/migrate',
              },
            },
          },
          async () => ({ ok: true }),
        );
        api.get('/old', { config: { deprecated: true } }, async () => ({ ok: true }));
      },
    });
    try {
      const auth = { authorization: `Bearer ${await mintDevToken({ tenant: 't1', serviceName: 'orders' })}` };
      for (const res of [
        await t.app.inject({ url: '/health/live' }),
        await t.app.inject({ url: '/nope' }),
        await t.app.inject({ url: '/api/v1/orders/1', headers: auth }),
      ]) {
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(res.headers.server).toBeUndefined();
        expect(res.headers['x-powered-by']).toBeUndefined();
      }

      const legacy = await t.app.inject({ url: '/api/v1/legacy', headers: auth });
      expect(legacy.statusCode).toBe(200);
      expect(legacy.headers.deprecation).toBe(`@${Date.UTC(2026, 0, 1) / 1000}`);
      expect(legacy.headers.sunset).toBe('Thu, 31 Dec 2026 00:00:00 GMT');
      expect(legacy.headers.link).toBe('<https://docs.example/migrate>; rel="deprecation"; type="text/html"');
      // Error responses of a deprecated route announce it too.
      const unauth = await t.app.inject({ url: '/api/v1/legacy' });
      expect(unauth.statusCode).toBe(401);
      expect(unauth.headers.sunset).toBe('Thu, 31 Dec 2026 00:00:00 GMT');

      const old = await t.app.inject({ url: '/api/v1/old', headers: auth });
      expect(old.headers.deprecation).toBe('true');
      expect(old.headers.sunset).toBeUndefined();
      expect(
        (await t.app.inject({ url: '/api/v1/orders/1', headers: auth })).headers.deprecation,
      ).toBeUndefined();
    } finally {
      await t.close();
    }
  });

  it('a bad deprecation date fails at start-up naming the route and option', async () => {
    const app = Fastify();
    await app.register(headersPlugin);
    expect(() => app.get('/x', { config: { deprecated: { sunset: 'someday' } } }, async () => 'x')).toThrow(
      'route GET /x: config.deprecated.sunset is not a date: "someday"',
    );
    expect(() => deprecationHeaders({ link: 'not a url' }, 'GET /y')).toThrow(/config.deprecated.link/);
  });
});
