import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken } from '../auth/auth.js';
import { testHttpApp, type TestHttpApp } from '../service/http-app.spec-helper.js';

describe('rate limiting', () => {
  let t: TestHttpApp;
  const bearer = async (tenant: string) => ({
    authorization: `Bearer ${await mintDevToken({ tenant, serviceName: 'orders' })}`,
  });
  beforeAll(async () => {
    t = await testHttpApp({
      env: { RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000', RATE_LIMIT_ADDRESS_MAX: '8' },
    });
  });
  afterAll(() => t.close());

  it('the request over the limit → 429 problem+json with Retry-After; limits are per tenant', async () => {
    const a = await bearer('tenant-a');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await t.app.inject({ url: '/api/v1/orders/1', headers: a, remoteAddress: '10.0.0.1' });
      statuses.push(res.statusCode);
      // IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers): the policies and the tightest budget.
      expect(res.headers['ratelimit-policy']).toBe('"address";q=8;w=60, "tenant";q=3;w=60');
      expect(res.headers.ratelimit).toMatch(new RegExp(`^"tenant";r=${2 - i};t=\\d+$`));
    }
    expect(statuses).toEqual([200, 200, 200]);
    const limited = await t.app.inject({ url: '/api/v1/orders/1', headers: a, remoteAddress: '10.0.0.1' });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers.ratelimit).toMatch(/^"tenant";r=0;t=\d+$/);
    expect(limited.json()).toMatchObject({ status: 429, code: 'ACME.ORDERS.RATE_LIMITED' });
    expect(limited.json().traceId).toMatch(/^[0-9a-f]{32}$/);

    // Another tenant from another address has its own budget.
    const b = await t.app.inject({
      url: '/api/v1/orders/1',
      headers: await bearer('tenant-b'),
      remoteAddress: '10.0.0.2',
    });
    expect(b.statusCode).toBe(200);
  });

  it('limits per client address before authentication: forged tokens and unknown routes count too', async () => {
    const forged = { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.forged' };
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const url = i % 2 ? '/api/v1/orders/1' : `/no/such/route/${i}`;
      const res = await t.app.inject({ url, headers: forged, remoteAddress: '10.9.9.9' });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 8).every((s) => s === 401 || s === 404)).toBe(true);
    expect(statuses.slice(8)).toEqual([429, 429]);
    // Another address is not affected.
    const other = await t.app.inject({
      url: '/api/v1/orders/1',
      headers: forged,
      remoteAddress: '10.9.9.10',
    });
    expect(other.statusCode).toBe(401);
    expect(other.headers['ratelimit']).toMatch(/^"address";r=7;t=\d+$/);
  });

  it('probes and /metrics are exempt', async () => {
    for (let i = 0; i < 10; i++) {
      for (const url of ['/health/live', '/health/ready', '/health', '/metrics']) {
        expect((await t.app.inject({ url, remoteAddress: '10.0.0.3' })).statusCode).toBe(200);
      }
    }
  });
});

describe('rate limiting behind a proxy', () => {
  it('keys on X-Forwarded-For only when TRUST_PROXY says the proxy is trusted', async () => {
    for (const [trust, expectSeparate] of [
      ['false', false],
      ['127.0.0.1', true],
    ] as const) {
      const t = await testHttpApp({ env: { RATE_LIMIT_ADDRESS_MAX: '1', TRUST_PROXY: trust } });
      try {
        const first = await t.app.inject({ url: '/nope', headers: { 'x-forwarded-for': '203.0.113.1' } });
        const second = await t.app.inject({ url: '/nope', headers: { 'x-forwarded-for': '203.0.113.2' } });
        expect(first.statusCode).toBe(404);
        expect(second.statusCode).toBe(expectSeparate ? 404 : 429);
      } finally {
        await t.close();
      }
    }
  });
});
