import { decodeJwt, SignJWT } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config/config.js';
import { AuthError } from './errors.js';
import { b64, devJwt, devSecret, now } from './jwt.spec-helper.js';
import { createTokenVerifier } from './verifier.js';

const auth = loadConfig({ NODE_ENV: 'test' }).auth;

describe('createTokenVerifier', () => {
  it('returns the caller of a valid token: tenant, subject and every claim', async () => {
    const verify = createTokenVerifier({ auth, serviceName: 'orders' });
    const token = await devJwt({ scope: 'orders:read' });
    const tenant = await verify(token);
    expect(tenant).toEqual({ id: 't1', subject: 'u1', claims: decodeJwt(token) });
  });

  it('refuses with an AuthError the caller can act on, never a generic error', async () => {
    const verify = createTokenVerifier({ auth, serviceName: 'orders' });
    const refused = async (token: string) => (await verify(token).catch((e: unknown) => e)) as AuthError;
    expect(await refused('x'.repeat(8193))).toMatchObject({
      error: 'invalid_token',
      description: 'the token is too long',
    });
    expect(await refused(await devJwt({ exp: now() - 3600 }))).toMatchObject({
      description: 'the token has expired',
    });
    expect(await refused(await devJwt({ aud: 'payments' }))).toMatchObject({
      description: 'the token audience is not this service',
    });
    expect(await refused(await devJwt({ tenant_id: 42 }))).toMatchObject({
      description: 'the token has no usable tenant_id claim',
    });
    const unsigned = `${b64({ alg: 'none' })}.${b64({ tenant_id: 't1', sub: 'u1', exp: now() + 60 })}.`;
    expect(await refused(unsigned)).toBeInstanceOf(AuthError);
  });

  it('expects the configured audience, else the service name', async () => {
    const verify = createTokenVerifier({ auth: { ...auth, audience: 'gateway' }, serviceName: 'orders' });
    await expect(verify(await devJwt({}))).rejects.toBeInstanceOf(AuthError);
    expect((await verify(await devJwt({ aud: 'gateway' }))).id).toBe('t1');
  });

  it('requires exp and sub', async () => {
    const verify = createTokenVerifier({ auth, serviceName: 'orders' });
    const noSub = await new SignJWT({ tenant_id: 't1' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('shipshape-dev')
      .setAudience('orders')
      .setExpirationTime('5m')
      .sign(devSecret);
    await expect(verify(noSub)).rejects.toMatchObject({
      description: 'the token claim sub is missing or invalid',
    });
  });

  it('refuses missing options naming them', () => {
    expect(() => createTokenVerifier({ auth: undefined as never, serviceName: 'orders' })).toThrow(/"auth"/);
  });
});

describe('verified-token cache', () => {
  it('a remembered token stops working when it expires', async () => {
    const verify = createTokenVerifier({ auth, serviceName: 'orders', cacheTtlMs: 3_600_000 });
    const token = await devJwt({ exp: now() + 120 });
    expect((await verify(token)).id).toBe('t1');
    expect((await verify(token)).id).toBe('t1');
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 10 * 60_000);
      await expect(verify(token)).rejects.toBeInstanceOf(AuthError);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses bad cache options naming them', () => {
    expect(() => createTokenVerifier({ auth, serviceName: 'orders', cacheSize: -1 })).toThrow(/"cacheSize"/);
    expect(() => createTokenVerifier({ auth, serviceName: 'orders', cacheTtlMs: 1.5 })).toThrow(
      /"cacheTtlMs"/,
    );
  });

  it('without a cache every call verifies', async () => {
    const verify = createTokenVerifier({ auth, serviceName: 'orders', cacheSize: 0 });
    const token = await devJwt({});
    expect((await verify(token)).subject).toBe('u1');
    expect((await verify(token)).subject).toBe('u1');
  });
});
