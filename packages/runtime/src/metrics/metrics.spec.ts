import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken } from '../auth/auth.js';
import { testHttpApp, type TestHttpApp } from '../service/http-app.spec-helper.js';

describe('metrics', () => {
  let t: TestHttpApp;
  let auth: Record<string, string>;
  beforeAll(async () => {
    t = await testHttpApp();
    auth = { authorization: `Bearer ${await mintDevToken({ tenant: 't1', serviceName: 'orders' })}` };
  });
  afterAll(() => t.close());

  it('RED metrics are labelled by route template, not by raw path', async () => {
    for (const id of ['1', '2', '3']) await t.app.inject({ url: `/api/v1/orders/${id}`, headers: auth });
    await t.app.inject({ url: '/api/v1/orders/4' });
    await t.app.inject({ url: '/random/path/123' });
    const res = await t.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    expect(text).toContain(
      'http_requests_total{method="GET",route="/api/v1/orders/:id",status_code="200",service="orders"} 3',
    );
    expect(text).toContain(
      'http_requests_total{method="GET",route="/api/v1/orders/:id",status_code="401",service="orders"} 1',
    );
    expect(text).toContain(
      'http_requests_total{method="GET",route="unmatched",status_code="404",service="orders"} 1',
    );
    expect(text).toMatch(
      /http_request_duration_seconds_bucket\{le="0.005",service="orders",method="GET",route="\/api\/v1\/orders\/:id"/,
    );
    expect(text).not.toContain('/api/v1/orders/1"');
    // Only the scrape itself is in flight.
    expect(text).toContain('http_requests_in_flight{service="orders"} 1');
  });

  it('exposes idempotency counters and pool / outbox gauges fed by the data side', async () => {
    t.metrics.idempotency.replayed('/api/v1/orders');
    t.metrics.idempotency.replayed('/api/v1/orders');
    t.metrics.idempotency.conflict('/api/v1/orders', 'in_flight');
    t.metrics.observePool(() => ({ total: 5, idle: 3, waiting: 1 }));
    t.metrics.observeOutbox(async () => 7);
    const text = (await t.app.inject({ url: '/metrics' })).body;
    expect(text).toContain('idempotency_replays_total{route="/api/v1/orders",service="orders"} 2');
    expect(text).toContain(
      'idempotency_conflicts_total{route="/api/v1/orders",reason="in_flight",service="orders"} 1',
    );
    expect(text).toContain('db_pool_connections{state="total",service="orders"} 5');
    expect(text).toContain('db_pool_connections{state="idle",service="orders"} 3');
    expect(text).toContain('db_pool_connections{state="waiting",service="orders"} 1');
    expect(text).toContain('outbox_pending_events{service="orders"} 7');
  });

  it('a failing outbox source does not fail the scrape', async () => {
    t.metrics.observeOutbox(async () => {
      throw new Error('database down');
    });
    expect((await t.app.inject({ url: '/metrics' })).statusCode).toBe(200);
  });

  it('a request whose client hangs up does not stay in flight', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered: () => void = () => undefined;
    const inHandler = new Promise<void>((resolve) => (entered = resolve));
    const slow = await testHttpApp({
      routes: (api) => {
        api.get('/slow', async () => {
          entered();
          await gate;
          return { ok: true };
        });
      },
    });
    try {
      await slow.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = slow.app.server.address() as { port: number };
      const req = httpRequest({ host: '127.0.0.1', port, path: '/api/v1/slow', headers: auth });
      req.on('error', () => undefined);
      req.end();
      await inHandler;
      const during = (await slow.app.inject({ url: '/metrics' })).body;
      expect(during).toContain('http_requests_in_flight{service="orders"} 2');
      req.destroy();
      release();
      // Poll (a loaded machine may take a moment to notice the hang-up); fails after 5 s.
      let after = '';
      for (const started = Date.now(); Date.now() - started < 5000;) {
        after = (await slow.app.inject({ url: '/metrics' })).body;
        if (after.includes('http_requests_in_flight{service="orders"} 1')) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(after).toContain('http_requests_in_flight{service="orders"} 1');
    } finally {
      release();
      await slow.close();
    }
  });
});
