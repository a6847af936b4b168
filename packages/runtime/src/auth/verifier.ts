import { jwtVerify, type JWTPayload, type JWTVerifyOptions } from 'jose';
import type { AuthConfig } from '../config/config.js';
import { problem } from '../errors/problem.js';
import { tenantFromClaims, type TenantContext } from './claims.js';
import { AuthError, describeJoseError } from './errors.js';
import { verificationKey } from './keys.js';
import { VerifiedTokenCache } from './token-cache.js';

const MAX_TOKEN_LENGTH = 8192;

export interface VerifierOptions {
  auth: AuthConfig;
  /** Expected `aud` when auth.audience is unset. */
  serviceName: string;
  /**
   * Verified tokens remembered (default 10 000; 0 disables): a client reusing its token skips the signature
   * check until the token expires or cacheTtlMs passes, whichever comes first.
   */
  cacheSize?: number;
  /** Longest a verified token is remembered (default 60 s): bounds how long a rotated-out key still works. */
  cacheTtlMs?: number;
}

export type TokenVerifier = (token: string) => Promise<TenantContext>;

/** Builds the verifier for the configured mode: JWKS (production) or HS256 with the dev secret. */
export function createTokenVerifier(options: VerifierOptions): TokenVerifier {
  const { auth } = options;
  if (!auth || typeof auth.issuer !== 'string')
    throw new TypeError('createTokenVerifier: option "auth" is required');
  const audience = auth.audience ?? options.serviceName;
  const { getKey, algorithms } = verificationKey(auth);

  const cacheSize = options.cacheSize ?? 10_000;
  const cacheTtlMs = options.cacheTtlMs ?? 60_000;
  if (!Number.isInteger(cacheSize) || cacheSize < 0) {
    throw new TypeError('createTokenVerifier: option "cacheSize" must be a non-negative integer');
  }
  if (!Number.isInteger(cacheTtlMs) || cacheTtlMs < 0) {
    throw new TypeError('createTokenVerifier: option "cacheTtlMs" must be a non-negative integer');
  }
  const cache = new VerifiedTokenCache(cacheSize, cacheTtlMs);
  const verifyOptions: JWTVerifyOptions = {
    issuer: auth.issuer,
    audience,
    algorithms,
    requiredClaims: ['exp', 'sub'],
    clockTolerance: 5,
  };

  return async (token: string) => {
    if (token.length > MAX_TOKEN_LENGTH) throw new AuthError('invalid_token', 'the token is too long');
    const now = Date.now();
    const cached = cache.get(token, now);
    if (cached) return cached;
    let payload: JWTPayload;
    try {
      const key = getKey instanceof Promise ? await getKey : getKey;
      // Two calls for jose's two overloads (a key, or a JWKS key resolver); the options are the same.
      const result =
        typeof key === 'function'
          ? await jwtVerify(token, key, verifyOptions)
          : await jwtVerify(token, key, verifyOptions);
      payload = result.payload;
    } catch (error) {
      const described = describeJoseError(error);
      if (described) throw described;
      // JWKS unreachable or timing out is the service's problem, not the caller's.
      throw problem('SERVICE_UNAVAILABLE', {
        detail: 'The token signing keys cannot be fetched right now',
        cause: error,
      });
    }
    const context = tenantFromClaims(payload, auth.tenantClaim);
    cache.set(token, context, payload.exp as number, now);
    return context;
  };
}
