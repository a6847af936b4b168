import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken } from '../auth/auth.js';
import { testHttpApp, type TestHttpApp } from '../service/http-app.spec-helper.js';

describe('rate limiting', () => {
  let t: TestHttpApp;
  const bearer = async (tenant: string) => ({
    authorization: `Bearer ${await mintDevToken({ tenant, serviceName: 'orders' })}`,
  });
  beforeAll(async () => {
    t = await testHttpApp({ env: { RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' } });
  });
  afterAll(() => t.close());

  it('the request over the limit → 429 problem+json with Retry-After; limits are per tenant', async () => {
    const a = await bearer('tenant-a');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await t.app.inject({ url: '/api/v1/orders/1', headers: a });
      statuses.push(res.statusCode);
      expect(res.headers['x-ratelimit-remaining']).toBe(String(2 - i));
    }
    expect(statuses).toEqual([200, 200, 200]);
    const limited = await t.app.inject({ url: '/api/v1/orders/1', headers: a });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.json()).toMatchObject({ status: 429, code: 'ACME.ORDERS.RATE_LIMITED' });
    expect(limited.json().traceId).toMatch(/^[0-9a-f]{32}$/);

    // Another tenant from the same address has its own budget.
    expect(
      (await t.app.inject({ url: '/api/v1/orders/1', headers: await bearer('tenant-b') })).statusCode,
    ).toBe(200);
  });

  it('probes and /metrics are exempt', async () => {
    for (let i = 0; i < 6; i++) {
      for (const url of ['/health/live', '/health/ready', '/health', '/metrics']) {
        expect((await t.app.inject({ url })).statusCode).toBe(200);
      }
    }
  });
});
