import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken } from '../auth/auth.js';
import { testHttpApp, type TestHttpApp } from '../service/http-app.spec-helper.js';
import { parseTraceparentHeader } from './trace-context.js';
import { createTracing, currentTraceparent, requestTraceparent } from './tracing.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = '00f067aa0ba902b7';
const TRACERESPONSE = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/;

describe('parseTraceparentHeader (Trace Context Level 1)', () => {
  it('accepts version 00 and keeps the fields', () => {
    expect(parseTraceparentHeader(`00-${TRACE}-${PARENT}-01`)).toEqual({
      version: '00',
      traceId: TRACE,
      parentId: PARENT,
      traceFlags: 1,
    });
  });

  it.each([
    ['uppercase hex', `00-${TRACE.toUpperCase()}-${PARENT}-01`],
    ['version ff', `ff-${TRACE}-${PARENT}-01`],
    ['all-zero trace id', `00-${'0'.repeat(32)}-${PARENT}-01`],
    ['all-zero parent id', `00-${TRACE}-${'0'.repeat(16)}-01`],
    ['short trace id', `00-${TRACE.slice(1)}-${PARENT}-01`],
    ['version 00 with a fifth field', `00-${TRACE}-${PARENT}-01-extra`],
    ['non-hex flags', `00-${TRACE}-${PARENT}-0g`],
    ['non-hex version', `0x-${TRACE}-${PARENT}-01`],
    ['underscore delimiters', `00_${TRACE}_${PARENT}_01`],
    ['inner whitespace', `00-${TRACE} -${PARENT}-01`],
    ['two headers joined by Node', `00-${TRACE}-${PARENT}-01, 00-${TRACE}-${PARENT}-01`],
    ['empty', ''],
    ['higher version without a dash after the flags', `cc-${TRACE}-${PARENT}-01x`],
  ])('rejects %s', (_name, header) => {
    expect(parseTraceparentHeader(header)).toBeUndefined();
  });

  it('rejects repeated headers given as an array', () => {
    expect(parseTraceparentHeader([`00-${TRACE}-${PARENT}-01`])).toBeUndefined();
  });

  it('a higher version keeps the first three fields, with or without more data', () => {
    expect(parseTraceparentHeader(`cc-${TRACE}-${PARENT}-01-what-the-future-will-be-like`)).toMatchObject({
      version: 'cc',
      traceId: TRACE,
      parentId: PARENT,
      traceFlags: 1,
    });
    expect(parseTraceparentHeader(`01-${TRACE}-${PARENT}-00`)?.traceId).toBe(TRACE);
  });
});

describe('tracing over HTTP', () => {
  let t: TestHttpApp;
  let token: string;
  const exporter = new InMemorySpanExporter();
  const seenInHandler: Array<string | undefined> = [];

  beforeAll(async () => {
    t = await testHttpApp({
      tracing: createTracing({ serviceName: 'orders', serviceVersion: '0.1.0', exporter }),
      routes: (api) => {
        api.get('/orders/:id', async (request) => {
          // After an await, the span must still be the active one.
          await new Promise((resolve) => setTimeout(resolve, 1));
          seenInHandler.push(currentTraceparent());
          request.log.info('handler ran');
          return { id: (request.params as { id: string }).id };
        });
      },
    });
    token = await mintDevToken({ tenant: 't1', serviceName: 'orders' });
  });
  afterAll(() => t.close());

  const get = (headers: Record<string, string | string[]> = {}) =>
    t.app.inject({ url: '/api/v1/orders/1', headers: { authorization: `Bearer ${token}`, ...headers } });

  it('continues a valid incoming trace: same trace id, new server span, flags kept', async () => {
    const res = await get({ traceparent: `00-${TRACE}-${PARENT}-01`, tracestate: 'vendor=abc' });
    expect(res.statusCode).toBe(200);
    const [, traceId, spanId] = TRACERESPONSE.exec(String(res.headers.traceresponse)) ?? [];
    expect(traceId).toBe(TRACE);
    expect(spanId).not.toBe(PARENT);
    expect(String(res.headers.traceresponse).endsWith('-01')).toBe(true);
    expect(seenInHandler.at(-1)).toBe(res.headers.traceresponse);

    await t.tracing.forceFlush();
    const span = exporter.getFinishedSpans().find((s) => s.spanContext().spanId === spanId);
    expect(span?.name).toBe('GET /api/v1/orders/:id');
    expect(span?.parentSpanContext?.spanId).toBe(PARENT);
    expect(span?.spanContext().traceState?.get('vendor')).toBe('abc');
    expect(span?.attributes['http.route']).toBe('/api/v1/orders/:id');
    expect(span?.attributes['http.response.status_code']).toBe(200);
  });

  it('keeps the sampled flag off when the caller did not sample', async () => {
    const res = await get({ traceparent: `00-${TRACE}-${PARENT}-00` });
    expect(String(res.headers.traceresponse)).toMatch(new RegExp(`^00-${TRACE}-[0-9a-f]{16}-00$`));
  });

  it('continues a higher-version traceparent by its first three fields', async () => {
    const res = await get({ traceparent: `cc-${TRACE}-${PARENT}-01-future-stuff` });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers.traceresponse).split('-')[1]).toBe(TRACE);
  });

  it.each([
    ['no header', undefined],
    ['garbage', 'hello'],
    ['uppercase', `00-${TRACE.toUpperCase()}-${PARENT}-01`],
    ['version ff', `ff-${TRACE}-${PARENT}-01`],
    ['zero trace id', `00-${'0'.repeat(32)}-${PARENT}-01`],
    ['version 00 too long', `00-${TRACE}-${PARENT}-01-00`],
  ])('an invalid traceparent (%s) starts a new trace, never an error', async (_name, header) => {
    const res = await get(header === undefined ? {} : { traceparent: header });
    expect(res.statusCode).toBe(200);
    const [, traceId, spanId] = TRACERESPONSE.exec(String(res.headers.traceresponse)) ?? [];
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(traceId).not.toBe(TRACE);
    await t.tracing.forceFlush();
    const span = exporter.getFinishedSpans().find((s) => s.spanContext().spanId === spanId);
    expect(span?.spanContext().traceId).toBe(traceId);
    expect(span?.parentSpanContext).toBeUndefined();
  });

  it('repeated traceparent headers start a new trace', async () => {
    const res = await get({ traceparent: [`00-${TRACE}-${PARENT}-01`, `00-${TRACE}-${PARENT}-01`] });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers.traceresponse).split('-')[1]).not.toBe(TRACE);
  });

  it('every log line of a request carries its trace id', async () => {
    const res = await get({ traceparent: `00-${TRACE}-${PARENT}-01` });
    expect(res.statusCode).toBe(200);
    const lines = t.logs.filter((l) => l.traceId === TRACE);
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['handler ran', 'request completed']));
    // No request line without a trace id.
    expect(t.logs.filter((l) => l.req || l.res).every((l) => typeof l.traceId === 'string')).toBe(true);
  });

  it('404s, 401s and problem bodies carry the trace id too', async () => {
    const res = await t.app.inject({ url: '/nope', headers: { traceparent: `00-${TRACE}-${PARENT}-01` } });
    expect(res.statusCode).toBe(404);
    expect(res.json().traceId).toBe(TRACE);
    expect(String(res.headers.traceresponse).split('-')[1]).toBe(TRACE);
    const unauth = await t.app.inject({
      url: '/api/v1/orders/1',
      headers: { traceparent: `00-${TRACE}-${PARENT}-01` },
    });
    expect(unauth.statusCode).toBe(401);
    expect(unauth.json().traceId).toBe(TRACE);
  });
});

describe('tracing without an exporter (trace context only, nothing recorded)', () => {
  let t: TestHttpApp;
  let token: string;
  const inHandler: Array<{ request?: string; current?: string }> = [];

  beforeAll(async () => {
    t = await testHttpApp({
      routes: (api) => {
        api.get('/orders/:id', async (request) => {
          await new Promise((resolve) => setTimeout(resolve, 1));
          inHandler.push({ request: requestTraceparent(request), current: currentTraceparent() });
          request.log.info('handler ran');
          return { id: (request.params as { id: string }).id };
        });
      },
    });
    token = await mintDevToken({ tenant: 't1', serviceName: 'orders' });
  });
  afterAll(() => t.close());

  const get = (headers: Record<string, string> = {}) =>
    t.app.inject({ url: '/api/v1/orders/1', headers: { authorization: `Bearer ${token}`, ...headers } });

  it('does not record: no span is started and no async context is kept for the request', async () => {
    expect(t.tracing.recording).toBe(false);
    const res = await get({ traceparent: `00-${TRACE}-${PARENT}-01` });
    expect(res.statusCode).toBe(200);
    expect(inHandler.at(-1)?.current).toBeUndefined();
  });

  it('continues an incoming trace: same trace id, a new span id, flags kept, on traceresponse and for calls out', async () => {
    for (const flags of ['01', '00']) {
      const res = await get({ traceparent: `00-${TRACE}-${PARENT}-${flags}` });
      const [, traceId, spanId] = TRACERESPONSE.exec(String(res.headers.traceresponse)) ?? [];
      expect(traceId).toBe(TRACE);
      expect(spanId).not.toBe(PARENT);
      expect(String(res.headers.traceresponse).endsWith(`-${flags}`)).toBe(true);
      expect(inHandler.at(-1)?.request).toBe(res.headers.traceresponse);
    }
  });

  it('starts a new sampled trace without (or with an invalid) traceparent; logs and problems carry its id', async () => {
    const res = await get({ traceparent: 'hello' });
    const [, traceId] = TRACERESPONSE.exec(String(res.headers.traceresponse)) ?? [];
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(String(res.headers.traceresponse).endsWith('-01')).toBe(true);
    expect(t.logs.filter((l) => l.traceId === traceId).map((l) => l.msg)).toEqual(
      expect.arrayContaining(['handler ran', 'request completed']),
    );
    const missing = await t.app.inject({
      url: '/nope',
      headers: { traceparent: `00-${TRACE}-${PARENT}-01` },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().traceId).toBe(TRACE);
    expect(String(missing.headers.traceresponse).split('-')[1]).toBe(TRACE);
  });
});

describe('OTLP export', () => {
  it('posts spans to <endpoint>/v1/traces when OTEL_EXPORTER_OTLP_ENDPOINT is set', async () => {
    const received: Array<{ url?: string; body: string }> = [];
    const collector = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ url: req.url, body });
        res.setHeader('content-type', 'application/json');
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const { port } = collector.address() as AddressInfo;
    const tracing = createTracing({
      serviceName: 'orders',
      serviceVersion: '0.1.0',
      otlpEndpoint: `http://127.0.0.1:${port}/`,
    });
    const t = await testHttpApp({ tracing });
    try {
      const res = await t.app.inject({
        url: '/health/live',
        headers: { traceparent: `00-${TRACE}-${PARENT}-01` },
      });
      expect(res.statusCode).toBe(200);
      await tracing.forceFlush();
      expect(received.length).toBeGreaterThan(0);
      expect(received[0].url).toBe('/v1/traces');
      expect(received.map((r) => r.body).join('')).toContain(TRACE);
      expect(received.map((r) => r.body).join('')).toContain('orders');
    } finally {
      await t.close();
      await new Promise((resolve) => collector.close(resolve));
    }
  });
});
