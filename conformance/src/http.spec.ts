import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, maskBody, retryAfterMs, tokenVariable } from './http.js';

let server: Server;
let base: URL;
const seen: Array<{ headers: string[]; body: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ headers: req.rawHeaders, body });
      if (req.url === '/hang') return; // never answers
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ok: true, password: 'hunter2', nested: { apiKey: 'k' } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  base = new URL(`http://127.0.0.1:${address.port}`);
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const client = (overrides: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) =>
  new HttpClient({
    baseUrl: base,
    timeoutMs: 300,
    maxRequests: 100,
    deadline: Date.now() + 60_000,
    concurrency: 2,
    ...overrides,
  });

describe('HttpClient', () => {
  it('sends duplicate headers as separate lines and keeps the raw body', async () => {
    const http = client();
    const e = await http.send({
      method: 'POST',
      path: '/x',
      raw: '{"broken": ',
      headers: [
        ['traceparent', 'one'],
        ['traceparent', 'two'],
      ],
    });
    expect(e.status).toBe(200);
    const last = seen.at(-1)!;
    expect(last.body).toBe('{"broken": ');
    expect(last.headers.filter((h) => h.toLowerCase() === 'traceparent')).toHaveLength(2);
    await http.close();
  });

  it('masks tokens and secret members in evidence, and names the token as a variable in curl', async () => {
    const http = client();
    const e = await http.send({
      method: 'GET',
      path: '/x',
      as: { id: 'tenant-a', token: 'secret.jwt.value' },
    });
    const evidence = e.evidence();
    expect(evidence.request.headers.authorization).toBe('Bearer ***');
    expect(evidence.curl).toBe(
      `curl -sS -i -X GET '${base.origin}/x' -H "Authorization: Bearer $TOKEN_TENANT_A"`,
    );
    expect(evidence.response!.body).toBe('{"ok":true,"password":"***","nested":{"apiKey":"***"}}');
    expect(evidence.tenant).toBe('tenant-a');
    expect(JSON.stringify(evidence)).not.toContain('secret.jwt.value');
    await http.close();
  });

  it('turns a hanging request into an exchange with an error, not an exception', async () => {
    const http = client({ timeoutMs: 200 });
    const e = await http.send({ method: 'GET', path: '/hang' });
    expect(e.error).toBe('no answer within 200 ms');
    expect(e.evidence().response).toBeNull();
    await http.close();
  });

  it('stops at the request budget', async () => {
    const http = client({ maxRequests: 1 });
    await http.send({ method: 'GET', path: '/x' });
    await expect(http.send({ method: 'GET', path: '/x' })).rejects.toThrow('request budget of 1 exhausted');
    http.draining = true;
    expect((await http.send({ method: 'GET', path: '/x' })).status).toBe(200);
    await http.close();
  });
});

describe('helpers', () => {
  it('reads Retry-After in seconds or as a date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(new Date(Date.now() + 10_000).toUTCString())).toBeGreaterThan(8000);
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
  it('masks secret-like members at any depth and leaves non-JSON alone', () => {
    expect(maskBody('[{"client_secret":"x","name":"n"}]')).toBe('[{"client_secret":"***","name":"n"}]');
    expect(maskBody('plain text')).toBe('plain text');
  });
  it('names token variables after the tenant', () => {
    expect(tokenVariable('tenant-a')).toBe('TOKEN_TENANT_A');
  });
});
