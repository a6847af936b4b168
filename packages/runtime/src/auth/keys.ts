import { createRemoteJWKSet, type CryptoKey, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from '../config/config.js';

/** Asymmetric algorithms accepted from a JWKS. HS* and `none` are never accepted from one. */
export const JWKS_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

/** Where signatures are checked against, and which algorithms may sign. */
export interface VerificationKey {
  /** The remote JWKS (fetched on demand, cached by jose), or the dev secret imported once. */
  getKey: JWTVerifyGetKey | Promise<CryptoKey>;
  algorithms: string[];
}

/** JWKS in production (`auth.jwksUrl`), else HS256 with the dev secret. */
export function verificationKey(auth: AuthConfig): VerificationKey {
  if (auth.jwksUrl) {
    return {
      getKey: createRemoteJWKSet(new URL(auth.jwksUrl), { timeoutDuration: 2000, cooldownDuration: 30_000 }),
      algorithms: JWKS_ALGORITHMS,
    };
  }
  if (!auth.devSecret)
    throw new TypeError('createTokenVerifier: "auth.devSecret" or "auth.jwksUrl" is required');
  // Imported once: handing jose raw bytes would re-import the key on every request.
  const getKey = crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(auth.devSecret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  );
  return { getKey, algorithms: ['HS256'] };
}
