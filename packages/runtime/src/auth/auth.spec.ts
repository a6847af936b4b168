import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testHttpApp, type TestHttpApp } from '../service/http-app.spec-helper.js';
import { mintDevToken } from './auth.js';
import { b64, devJwt, now } from './jwt.spec-helper.js';

async function expect401(t: TestHttpApp, authorization: string | undefined, error?: string) {
  const res = await t.app.inject({
    method: 'GET',
    url: '/api/v1/orders/1',
    headers: authorization === undefined ? {} : { authorization },
  });
  expect(res.statusCode).toBe(401);
  expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  const body = res.json();
  expect(body).toMatchObject({ status: 401, code: 'ACME.ORDERS.UNAUTHENTICATED' });
  const challenge = String(res.headers['www-authenticate']);
  expect(challenge.startsWith('Bearer realm="orders"')).toBe(true);
  if (error) expect(challenge).toContain(`error="${error}"`);
  return { body, challenge };
}

describe('HS256 (embedded default)', () => {
  let t: TestHttpApp;
  beforeAll(async () => {
    t = await testHttpApp();
  });
  afterAll(() => t.close());

  it('accepts a minted dev token and exposes request.tenant', async () => {
    const token = await mintDevToken({ tenant: 'tenant-a', serviceName: 'orders' });
    const res = await t.app.inject({
      url: '/api/v1/orders/7',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: '7', tenant: 'tenant-a' });
  });

  it('no token → 401 with a bare Bearer challenge', async () => {
    const { challenge } = await expect401(t, undefined);
    expect(challenge).toBe('Bearer realm="orders"');
  });

  it('not a Bearer header → 401 invalid_request', async () => {
    await expect401(t, 'Basic dXNlcjpwYXNz', 'invalid_request');
    await expect401(t, 'Bearer', 'invalid_request');
    await expect401(t, 'Bearer a b', 'invalid_request');
  });

  it('alg none → 401', async () => {
    const unsecured = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({
      tenant_id: 't1',
      iss: 'shipshape-dev',
      aud: 'orders',
      sub: 'u1',
      exp: now() + 600,
    })}.`;
    const { body } = await expect401(t, `Bearer ${unsecured}`, 'invalid_token');
    expect(body.detail).toBe('Bearer token refused: the token signing algorithm is not accepted');
  });

  it('expired → 401 invalid_token', async () => {
    const { challenge } = await expect401(
      t,
      `Bearer ${await devJwt({ exp: now() - 3600 })}`,
      'invalid_token',
    );
    expect(challenge).toContain('expired');
  });

  it('foreign issuer → 401', async () => {
    const { challenge } = await expect401(
      t,
      `Bearer ${await devJwt({ iss: 'https://evil.example' })}`,
      'invalid_token',
    );
    expect(challenge).toContain('issuer');
  });

  it('other audience → 401', async () => {
    const { challenge } = await expect401(t, `Bearer ${await devJwt({ aud: 'payments' })}`, 'invalid_token');
    expect(challenge).toContain('audience');
  });

  it('foreign key (another HS256 secret) → 401', async () => {
    const other = new TextEncoder().encode('another-secret-another-secret-another-secret');
    const { challenge } = await expect401(t, `Bearer ${await devJwt({}, other)}`, 'invalid_token');
    expect(challenge).toContain('signature');
  });

  it('tampered payload → 401', async () => {
    const [h, , s] = (await devJwt({})).split('.');
    await expect401(
      t,
      `Bearer ${h}.${b64({ tenant_id: 't2', iss: 'shipshape-dev', aud: 'orders' })}.${s}`,
      'invalid_token',
    );
  });

  it('no tenant claim, or an unusable one → 401', async () => {
    await expect401(t, `Bearer ${await devJwt({ tenant_id: undefined })}`, 'invalid_token');
    await expect401(t, `Bearer ${await devJwt({ tenant_id: 42 })}`, 'invalid_token');
    await expect401(t, `Bearer ${await devJwt({ tenant_id: "x' or 1=1" })}`, 'invalid_token');
  });

  it('garbage → 401, never 5xx', async () => {
    for (const token of ['abc', 'a.b.c', `${b64({ alg: 'HS256' })}.e30.sig`, 'x'.repeat(9000)]) {
      await expect401(t, `Bearer ${token}`, 'invalid_token');
    }
  });

  it('probes and metrics need no token', async () => {
    for (const url of ['/health/live', '/health/ready', '/health', '/metrics']) {
      expect((await t.app.inject({ url })).statusCode).toBe(200);
    }
  });
});

describe('configurable tenant claim', () => {
  it('reads the tenant from AUTH_TENANT_CLAIM', async () => {
    const t = await testHttpApp({ env: { AUTH_TENANT_CLAIM: 'org_id' } });
    try {
      const good = await mintDevToken({ tenant: 'org-9', serviceName: 'orders', tenantClaim: 'org_id' });
      const res = await t.app.inject({
        url: '/api/v1/orders/1',
        headers: { authorization: `Bearer ${good}` },
      });
      expect(res.json().tenant).toBe('org-9');
      const wrongClaim = await mintDevToken({ tenant: 'org-9', serviceName: 'orders' });
      await expect401(t, `Bearer ${wrongClaim}`, 'invalid_token');
    } finally {
      await t.close();
    }
  });
});

describe('JWKS (production)', () => {
  let server: Server;
  let t: TestHttpApp;
  let signingKey: CryptoKey;
  let jwk: JWK;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    signingKey = pair.privateKey;
    jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    t = await testHttpApp({
      env: { AUTH_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`, AUTH_ISSUER: 'https://idp.example' },
    });
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => server.close(resolve));
  });

  const rsJwt = (key: CryptoKey, kid = 'k1') =>
    new SignJWT({ tenant_id: 'tenant-j' })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer('https://idp.example')
      .setAudience('orders')
      .setSubject('svc-account')
      .setExpirationTime('5m')
      .sign(key);

  it('accepts a token signed by a key of the JWKS', async () => {
    const res = await t.app.inject({
      url: '/api/v1/orders/1',
      headers: { authorization: `Bearer ${await rsJwt(signingKey)}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().tenant).toBe('tenant-j');
  });

  it('a foreign key with the same kid → 401', async () => {
    const foreign = await generateKeyPair('RS256');
    await expect401(t, `Bearer ${await rsJwt(foreign.privateKey)}`, 'invalid_token');
  });

  it('an unknown kid → 401', async () => {
    const foreign = await generateKeyPair('RS256');
    const { challenge } = await expect401(
      t,
      `Bearer ${await rsJwt(foreign.privateKey, 'k-unknown')}`,
      'invalid_token',
    );
    expect(challenge).toContain('unknown key');
  });

  it('HS256 and the dev secret are not accepted in JWKS mode', async () => {
    const token = await mintDevToken({ tenant: 't1', serviceName: 'orders', issuer: 'https://idp.example' });
    await expect401(t, `Bearer ${token}`, 'invalid_token');
  });

  it('JWKS unreachable → 503 problem, not 401 and not 500', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const down = await testHttpApp({
      env: { AUTH_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`, AUTH_ISSUER: 'https://idp.example' },
    });
    try {
      const res = await down.app.inject({
        url: '/api/v1/orders/1',
        headers: { authorization: `Bearer ${await rsJwt(signingKey)}` },
      });
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(res.json().code).toBe('ACME.ORDERS.SERVICE_UNAVAILABLE');
    } finally {
      await down.close();
    }
  });
});
