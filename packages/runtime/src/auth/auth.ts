import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { DEV_AUTH_SECRET, type AuthConfig } from '../config/config.js';
import { problem, type ProblemError } from '../errors/problem.js';

/** Who is calling, from a verified bearer token. */
export interface TenantContext {
  /** The tenant id (from the configured claim, `tenant_id` by default). */
  id: string;
  /** The token's `sub`. */
  subject: string;
  /** Every claim of the verified token. */
  claims: Record<string, unknown>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Permissions the caller's token must grant (`scope`, `scp` or `permissions` claim); else 403 FORBIDDEN. */
    permissions?: readonly string[];
  }
  interface FastifyRequest {
    /** Set by the auth hook on every /api/v1 route; `null` outside authenticated scopes. */
    tenant: TenantContext;
  }
}

/** Asymmetric algorithms accepted from a JWKS. HS* and `none` are never accepted from one. */
const JWKS_ALGORITHMS = [
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
const MAX_TOKEN_LENGTH = 8192;
const TENANT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

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

/**
 * A small LRU of verified tokens. Signature verification (WebCrypto) is the most expensive step of a
 * request; clients send the same bearer token many times. Only successful verifications are stored, keyed
 * by the whole token, and `exp` is re-checked on every hit.
 */
class VerifiedTokenCache {
  private readonly entries = new Map<string, { tenant: TenantContext; until: number }>();
  constructor(
    private readonly size: number,
    private readonly ttlMs: number,
  ) {}

  get(token: string, now: number): TenantContext | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    this.entries.delete(token);
    if (now >= entry.until) return undefined;
    this.entries.set(token, entry);
    return entry.tenant;
  }

  set(token: string, tenant: TenantContext, expSeconds: number, now: number): void {
    if (this.size <= 0) return;
    const until = Math.min(expSeconds * 1000, now + this.ttlMs);
    if (until <= now) return;
    if (this.entries.size >= this.size) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(token, { tenant, until });
  }
}

/** Why a token was refused (RFC 6750 `error` + description). */
export class AuthError extends Error {
  override readonly name = 'AuthError';
  constructor(
    readonly error: 'invalid_request' | 'invalid_token',
    readonly description: string,
  ) {
    super(description);
  }
}

export type TokenVerifier = (token: string) => Promise<TenantContext>;

function describeJoseError(error: unknown): AuthError | undefined {
  if (error instanceof joseErrors.JWTExpired) return new AuthError('invalid_token', 'the token has expired');
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    const claim = error.claim;
    if (claim === 'iss') return new AuthError('invalid_token', 'the token issuer is not trusted');
    if (claim === 'aud') return new AuthError('invalid_token', 'the token audience is not this service');
    if (claim === 'nbf' || claim === 'iat')
      return new AuthError('invalid_token', 'the token is not valid yet');
    return new AuthError('invalid_token', `the token claim ${claim} is missing or invalid`);
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed || error instanceof joseErrors.JOSENotSupported) {
    return new AuthError('invalid_token', 'the token signing algorithm is not accepted');
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
    return new AuthError('invalid_token', 'the token signature does not verify');
  }
  if (error instanceof joseErrors.JWKSNoMatchingKey || error instanceof joseErrors.JWKSMultipleMatchingKeys) {
    return new AuthError('invalid_token', 'the token was signed by an unknown key');
  }
  if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid) {
    return new AuthError('invalid_token', 'the token is malformed');
  }
  return undefined;
}

/** Builds the verifier for the configured mode: JWKS (production) or HS256 with the dev secret. */
export function createTokenVerifier(options: VerifierOptions): TokenVerifier {
  const { auth } = options;
  if (!auth || typeof auth.issuer !== 'string')
    throw new TypeError('createTokenVerifier: option "auth" is required');
  const audience = auth.audience ?? options.serviceName;
  let getKey: JWTVerifyGetKey | Promise<CryptoKey>;
  let algorithms: string[];
  if (auth.jwksUrl) {
    getKey = createRemoteJWKSet(new URL(auth.jwksUrl), { timeoutDuration: 2000, cooldownDuration: 30_000 });
    algorithms = JWKS_ALGORITHMS;
  } else {
    if (!auth.devSecret)
      throw new TypeError('createTokenVerifier: "auth.devSecret" or "auth.jwksUrl" is required');
    // Imported once: handing jose raw bytes would re-import the key on every request.
    getKey = crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(auth.devSecret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    algorithms = ['HS256'];
  }

  const cacheSize = options.cacheSize ?? 10_000;
  const cacheTtlMs = options.cacheTtlMs ?? 60_000;
  if (!Number.isInteger(cacheSize) || cacheSize < 0) {
    throw new TypeError('createTokenVerifier: option "cacheSize" must be a non-negative integer');
  }
  if (!Number.isInteger(cacheTtlMs) || cacheTtlMs < 0) {
    throw new TypeError('createTokenVerifier: option "cacheTtlMs" must be a non-negative integer');
  }
  const cache = new VerifiedTokenCache(cacheSize, cacheTtlMs);

  return async (token: string) => {
    if (token.length > MAX_TOKEN_LENGTH) throw new AuthError('invalid_token', 'the token is too long');
    const now = Date.now();
    const cached = cache.get(token, now);
    if (cached) return cached;
    let payload: JWTPayload;
    try {
      const key = getKey instanceof Promise ? await getKey : getKey;
      const result =
        typeof key === 'function'
          ? await jwtVerify(token, key, {
              issuer: auth.issuer,
              audience,
              algorithms,
              requiredClaims: ['exp', 'sub'],
              clockTolerance: 5,
            })
          : await jwtVerify(token, key, {
              issuer: auth.issuer,
              audience,
              algorithms,
              requiredClaims: ['exp', 'sub'],
              clockTolerance: 5,
            });
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
    const tenant = payload[auth.tenantClaim];
    if (typeof tenant !== 'string' || !TENANT_ID.test(tenant)) {
      throw new AuthError('invalid_token', `the token has no usable ${auth.tenantClaim} claim`);
    }
    const context: TenantContext = {
      id: tenant,
      subject: String(payload.sub),
      claims: payload as Record<string, unknown>,
    };
    cache.set(token, context, payload.exp as number, now);
    return context;
  };
}

/**
 * Permissions a token grants: OAuth 2 `scope` (space-separated, RFC 8693 §4.2), `scp` (array or string) and
 * `permissions` (array, as Auth0 and others issue).
 */
export function grantedPermissions(claims: Record<string, unknown>): Set<string> {
  const granted = new Set<string>();
  for (const name of ['scope', 'scp', 'permissions']) {
    const value = claims[name];
    const list = typeof value === 'string' ? value.split(' ') : Array.isArray(value) ? value : [];
    for (const p of list) if (typeof p === 'string' && p !== '') granted.add(p);
  }
  return granted;
}

/** Extracts the bearer token or throws AuthError. */
export function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (header === undefined || header === '') throw new AuthError('invalid_request', '');
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i.exec(header);
  if (!match) throw new AuthError('invalid_request', 'the Authorization header is not a Bearer token');
  return match[1];
}

function unauthenticated(realm: string, error: AuthError): ProblemError {
  const challenge =
    error.description === ''
      ? `Bearer realm="${realm}"`
      : `Bearer realm="${realm}", error="${error.error}", error_description="${error.description}"`;
  return problem('UNAUTHENTICATED', {
    detail:
      error.description === '' ? 'A bearer token is required' : `Bearer token refused: ${error.description}`,
    headers: { 'www-authenticate': challenge },
  });
}

export interface AuthPluginOptions {
  verifier: TokenVerifier;
  /** `realm` of the WWW-Authenticate challenge (the service name). */
  realm: string;
}

/**
 * Authenticates every route of the scope it is registered in: a verified bearer token sets
 * `request.tenant`; anything else answers 401 problem+json with `WWW-Authenticate: Bearer …`.
 */
async function authPlugin(app: FastifyInstance, options: AuthPluginOptions): Promise<void> {
  if (typeof options.verifier !== 'function')
    throw new TypeError('authPlugin: option "verifier" must be a function');
  if (typeof options.realm !== 'string' || options.realm === '' || /["\\]/.test(options.realm)) {
    throw new TypeError('authPlugin: option "realm" must be a non-empty string without quotes');
  }
  if (!app.hasRequestDecorator('tenant')) app.decorateRequest('tenant', null as unknown as TenantContext);
  app.addHook('onRequest', async (request) => {
    try {
      request.tenant = await options.verifier(bearerToken(request));
    } catch (error) {
      if (error instanceof AuthError) throw unauthenticated(options.realm, error);
      throw error;
    }
    const required = request.routeOptions.config?.permissions;
    if (required && required.length > 0) {
      const held = grantedPermissions(request.tenant.claims);
      const missing = required.filter((p) => !held.has(p));
      if (missing.length > 0) {
        throw problem('FORBIDDEN', {
          detail: `This operation requires the permission ${missing.join(', ')}`,
        });
      }
    }
  });
}

export default fp(authPlugin, { name: 'shipshape-auth', fastify: '5.x' });
export { authPlugin };

export interface MintDevTokenOptions {
  tenant: string;
  serviceName: string;
  /** jose time span: `1h`, `30m`, `7d` … (default `1h`). */
  ttl?: string;
  secret?: string;
  issuer?: string;
  audience?: string;
  tenantClaim?: string;
  subject?: string;
  /** Extra claims (e.g. `{ scope: 'notes:write' }` for a route that requires a permission). */
  claims?: Record<string, unknown>;
}

/** Mints an HS256 development token the embedded-default verifier accepts. */
export async function mintDevToken(options: MintDevTokenOptions): Promise<string> {
  const { tenant, serviceName } = options;
  if (typeof tenant !== 'string' || !TENANT_ID.test(tenant)) {
    throw new TypeError(
      `mintDevToken: option "tenant" must match ${TENANT_ID}, got ${JSON.stringify(tenant)}`,
    );
  }
  if (typeof serviceName !== 'string' || serviceName === '') {
    throw new TypeError('mintDevToken: option "serviceName" is required');
  }
  const ttl = options.ttl ?? '1h';
  if (
    !/^\d+\s*(s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days|w|week|weeks|y|yr|yrs|year|years)$/i.test(
      ttl,
    )
  ) {
    throw new TypeError(
      `mintDevToken: option "ttl" must be a time span like 1h, 30m or 7d, got ${JSON.stringify(ttl)}`,
    );
  }
  const secret = options.secret ?? DEV_AUTH_SECRET;
  return new SignJWT({ ...options.claims, [options.tenantClaim ?? 'tenant_id']: tenant })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(options.issuer ?? 'shipshape-dev')
    .setAudience(options.audience ?? serviceName)
    .setSubject(options.subject ?? `dev-user@${tenant}`)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(new TextEncoder().encode(secret));
}
