import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { DEV_AUTH_SECRET } from '../config/config.js';
import { mintDevToken } from './dev-token.js';

describe('mintDevToken', () => {
  it('refuses a bad tenant or ttl naming the option', async () => {
    await expect(mintDevToken({ tenant: '', serviceName: 'orders' })).rejects.toThrow(/"tenant"/);
    await expect(mintDevToken({ tenant: 't1', serviceName: 'orders', ttl: 'soon' })).rejects.toThrow(/"ttl"/);
    await expect(mintDevToken({ tenant: 't1', serviceName: '' })).rejects.toThrow(/"serviceName"/);
  });

  it('signs HS256 with the dev secret: dev issuer, the service as audience, the tenant claim, extra claims', async () => {
    const token = await mintDevToken({ tenant: 'acme-1', serviceName: 'orders', claims: { scope: 'a b' } });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const { payload } = await jwtVerify(token, new TextEncoder().encode(DEV_AUTH_SECRET));
    expect(payload).toMatchObject({
      iss: 'shipshape-dev',
      aud: 'orders',
      sub: 'dev-user@acme-1',
      tenant_id: 'acme-1',
      scope: 'a b',
    });
    expect(payload.exp! - payload.iat!).toBe(3600);
  });

  it('honours the tenant claim, ttl, issuer, audience and subject given', async () => {
    const claims = decodeJwt(
      await mintDevToken({
        tenant: 't1',
        serviceName: 'orders',
        tenantClaim: 'org_id',
        ttl: '30m',
        issuer: 'idp',
        audience: 'gateway',
        subject: 'svc',
        // The tenant claim wins over an extra claim of the same name.
        claims: { org_id: 'other' },
      }),
    );
    expect(claims).toMatchObject({ org_id: 't1', iss: 'idp', aud: 'gateway', sub: 'svc' });
    expect(claims.tenant_id).toBeUndefined();
    expect(claims.exp! - claims.iat!).toBe(1800);
  });
});
