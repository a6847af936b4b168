import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { mintDevToken } from '../auth/auth.js';
import { testHttpApp } from '../service/http-app.spec-helper.js';
import { createLogger, scrubSecrets } from './logger.js';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      cb();
    },
  });
  return { lines, destination };
}

describe('logger', () => {
  it('writes JSON lines with service, version, level label and ISO time', () => {
    const { lines, destination } = capture();
    createLogger({ level: 'info', serviceName: 'orders', serviceVersion: '0.1.0', destination }).info(
      'hello',
    );
    expect(lines[0]).toMatchObject({ level: 'info', service: 'orders', version: '0.1.0', msg: 'hello' });
    expect(String(lines[0].time)).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('redacts credentials and nested secret-looking keys', () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: 'info', serviceName: 'orders', serviceVersion: '0.1.0', destination });
    log.info(
      {
        req: {
          headers: { authorization: 'Bearer abc.def.ghi', cookie: 'sid=1', accept: 'application/json' },
        },
        password: 'hunter2',
        user: { name: 'ada', password: 'p', apiKey: 'k', profile: { token: 't', city: 'Paris' } },
        secret: 's',
      },
      'login',
    );
    const text = JSON.stringify(lines[0]);
    for (const leaked of ['abc.def.ghi', 'sid=1', 'hunter2', '"p"', '"k"', '"t"', '"s"'])
      expect(text).not.toContain(leaked);
    expect(lines[0]).toMatchObject({
      req: { headers: { authorization: '[REDACTED]', cookie: '[REDACTED]', accept: 'application/json' } },
      password: '[REDACTED]',
      user: {
        name: 'ada',
        password: '[REDACTED]',
        apiKey: '[REDACTED]',
        profile: { token: '[REDACTED]', city: 'Paris' },
      },
    });
  });

  it('a service never logs the bearer token of a request', async () => {
    const token = await mintDevToken({ tenant: 't1', serviceName: 'orders' });
    const t = await testHttpApp({
      routes: (api) => {
        api.get('/echo', async (request) => {
          request.log.info({ headers: request.headers }, 'headers seen');
          return { ok: true };
        });
      },
    });
    try {
      await t.app.inject({
        url: '/api/v1/echo',
        headers: { authorization: `Bearer ${token}`, cookie: 'sid=secret' },
      });
      expect(t.logs.length).toBeGreaterThan(0);
      const text = JSON.stringify(t.logs);
      expect(text).not.toContain(token);
      expect(text).not.toContain('sid=secret');
      expect(t.logs.find((l) => l.msg === 'headers seen')?.traceId).toMatch(/^[0-9a-f]{32}$/);
    } finally {
      await t.close();
    }
  });

  it('writes one line per request: method, url, status, response time and trace id', async () => {
    const token = await mintDevToken({ tenant: 't1', serviceName: 'orders' });
    const t = await testHttpApp({ routes: (api) => void api.get('/things', async () => ({ ok: true })) });
    try {
      const res = await t.app.inject({
        url: '/api/v1/things?x=1',
        headers: { authorization: `Bearer ${token}` },
      });
      const traceId = String(res.headers.traceresponse).split('-')[1];
      const lines = t.logs.filter((l) => l.traceId === traceId);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({
        level: 'info',
        msg: 'request completed',
        req: { method: 'GET', url: '/api/v1/things?x=1' },
        res: { statusCode: 200 },
      });
      expect(typeof lines[0].responseTime).toBe('number');
    } finally {
      await t.close();
    }
  });

  it('scrubs secret keys at any depth, in arrays and in any case, without touching the original', () => {
    const headers = Object.assign(Object.create(null), { Authorization: 'Bearer x', accept: '*/*' });
    const original = {
      a: { b: { c: { d: { password: 'deep', keep: 1 } } } },
      list: [{ Token: 't' }, 'plain', { nested: [{ API_KEY: 'k' }] }],
      headers,
      err: new Error('boom'),
    };
    const scrubbed = scrubSecrets(original) as typeof original;
    expect(scrubbed).toEqual({
      a: { b: { c: { d: { password: '[REDACTED]', keep: 1 } } } },
      list: [{ Token: '[REDACTED]' }, 'plain', { nested: [{ API_KEY: '[REDACTED]' }] }],
      headers: { Authorization: '[REDACTED]', accept: '*/*' },
      err: original.err,
    });
    expect(original.a.b.c.d.password).toBe('deep');
    expect(headers.Authorization).toBe('Bearer x');
    const clean = { x: { y: [1, 2] } };
    expect(scrubSecrets(clean)).toBe(clean);
  });
});
