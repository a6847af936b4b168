import { SignJWT } from 'jose';
import { DEV_AUTH_SECRET } from '../config/config.js';

/** What the auth specs share: hand-made tokens for the embedded-default (HS256, dev secret) verifier. */
export const devSecret = new TextEncoder().encode(DEV_AUTH_SECRET);
export const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
export const now = () => Math.floor(Date.now() / 1000);

/** A dev-secret HS256 token for tenant `t1`, subject `u1`, audience `orders`; `claims` override or add. */
export function devJwt(claims: Record<string, unknown>, key: Uint8Array = devSecret) {
  return new SignJWT({ tenant_id: 't1', ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer((claims.iss as string) ?? 'shipshape-dev')
    .setAudience((claims.aud as string) ?? 'orders')
    .setSubject('u1')
    .setIssuedAt()
    .setExpirationTime((claims.exp as number) ?? now() + 600)
    .sign(key);
}
