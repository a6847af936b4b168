import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken } from '../auth/auth.js';
import { testHttpApp, type TestHttpApp } from '../service/http-app.spec-helper.js';
import type { HealthCheck } from './health.js';

describe('health probes', () => {
  let t: TestHttpApp;
  let dbUp = true;
  let brokerUp = true;
  let hang = false;
  const checks: HealthCheck[] = [
    {
      name: 'database',
      critical: true,
      check: async (signal) => {
        if (hang)
          await new Promise((_, reject) =>
            signal.addEventListener('abort', () => reject(new Error('aborted'))),
          );
        if (!dbUp) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      },
    },
    {
      name: 'broker',
      critical: false,
      check: async () => {
        if (!brokerUp) throw new Error('nats: disconnected');
        return { detail: 'nats://127.0.0.1:4222' };
      },
    },
  ];

  beforeAll(async () => {
    t = await testHttpApp({ healthChecks: checks, env: { READINESS_TIMEOUT_MS: '200' } });
  });
  afterAll(() => t.close());

  it('live is 200 without touching dependencies', async () => {
    dbUp = false;
    try {
      const res = await t.app.inject({ url: '/health/live' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok' });
      expect(res.headers['cache-control']).toBe('no-store');
    } finally {
      dbUp = true;
    }
  });

  it('ready is 200 with per-check detail when critical checks pass (non-critical ones ignored)', async () => {
    brokerUp = false;
    try {
      const res = await t.app.inject({ url: '/health/ready' });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.status).toBe('ok');
      expect(body.checks.database).toMatchObject({ status: 'up', critical: true });
      expect(typeof body.checks.database.latencyMs).toBe('number');
      expect(body.checks.broker).toBeUndefined();
    } finally {
      brokerUp = true;
    }
  });

  it('ready is 503 problem+json naming the failing check', async () => {
    dbUp = false;
    try {
      const res = await t.app.inject({ url: '/health/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      const body = res.json();
      expect(body).toMatchObject({ status: 503, code: 'ACME.ORDERS.SERVICE_UNAVAILABLE' });
      expect(body.checks.database).toMatchObject({
        status: 'down',
        detail: 'connect ECONNREFUSED 127.0.0.1:5432',
      });
      expect(body.detail).toContain('database');
    } finally {
      dbUp = true;
    }
  });

  it('a hanging check times out → 503 within the timeout', async () => {
    hang = true;
    try {
      const started = Date.now();
      const res = await t.app.inject({ url: '/health/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json().checks.database.detail).toBe('timed out after 200 ms');
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      hang = false;
    }
  });

  it('/health reports every component, uptime and version', async () => {
    brokerUp = false;
    try {
      const res = await t.app.inject({ url: '/health' });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ status: 'degraded', service: 'orders', version: '0.1.0' });
      expect(typeof body.uptimeSeconds).toBe('number');
      expect(body.components.database.status).toBe('up');
      expect(body.components.broker).toMatchObject({
        status: 'down',
        critical: false,
        detail: 'nats: disconnected',
      });
    } finally {
      brokerUp = true;
    }
    expect((await t.app.inject({ url: '/health' })).json().status).toBe('ok');
  });

  it('during the shutdown delay readiness is 503 while the API still serves', async () => {
    t.state.ready = false;
    try {
      expect((await t.app.inject({ url: '/health/ready' })).statusCode).toBe(503);
      const token = await mintDevToken({ tenant: 't1', serviceName: 'orders' });
      const api = await t.app.inject({
        url: '/api/v1/orders/1',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(api.statusCode).toBe(200);
      expect(api.headers.connection).not.toBe('close');
    } finally {
      t.state.ready = true;
    }
  });

  it('readiness flips to 503 when shutdown starts while liveness stays 200; the API refuses new work', async () => {
    t.state.ready = false;
    t.state.accepting = false;
    try {
      const ready = await t.app.inject({ url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json().detail).toBe('The service is shutting down');
      expect((await t.app.inject({ url: '/health/live' })).statusCode).toBe(200);
      expect((await t.app.inject({ url: '/health' })).json().status).toBe('shutting_down');
      const api = await t.app.inject({ url: '/api/v1/orders/1' });
      expect(api.statusCode).toBe(503);
      expect(api.headers.connection).toBe('close');
      expect(api.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    } finally {
      t.state.ready = true;
      t.state.accepting = true;
    }
  });
});
