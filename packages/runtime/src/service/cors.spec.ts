import { afterEach, describe, expect, it } from 'vitest';
import { mintDevToken } from '../auth/auth.js';
import { testHttpApp, type TestHttpApp } from './http-app.spec-helper.js';

describe('CORS from CORS_ORIGINS', () => {
  let t: TestHttpApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const preflight = (app: TestHttpApp, origin: string) =>
    app.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/orders/1',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, idempotency-key',
      },
    });

  it('closed by default: no cross-origin access is granted', async () => {
    t = await testHttpApp();
    const res = await preflight(t, 'https://app.example.com');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('grants the configured origins only, with the API headers allowed and exposed', async () => {
    t = await testHttpApp({ env: { CORS_ORIGINS: 'https://app.example.com' } });
    const ok = await preflight(t, 'https://app.example.com');
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(String(ok.headers['access-control-allow-headers'])).toMatch(/idempotency-key/i);
    expect(String(ok.headers['access-control-allow-methods'])).toMatch(/PATCH/);
    const other = await preflight(t, 'https://evil.example.net');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();

    const token = await mintDevToken({ tenant: 't1', serviceName: 'orders' });
    const get = await t.app.inject({
      url: '/api/v1/orders/1',
      headers: { origin: 'https://app.example.com', authorization: `Bearer ${token}` },
    });
    expect(get.statusCode).toBe(200);
    expect(get.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(String(get.headers['access-control-expose-headers'])).toMatch(/ratelimit/i);
  });
});
