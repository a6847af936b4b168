/**
 * Bearer-token authentication. This file is the plugin and the module's entry; the rest has rooms of
 * its own: `verifier.ts` (JWT verification), `keys.ts` (JWKS or the dev secret), `claims.ts` (the
 * caller and its permissions from the claims), `token-cache.ts` (verified tokens remembered),
 * `errors.ts` (why a token is refused, and the 401 that says so), `dev-token.ts` (development tokens).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { problem } from '../errors/problem.js';
import { grantedPermissions, type TenantContext } from './claims.js';
import { AuthError, unauthenticated } from './errors.js';
import type { TokenVerifier } from './verifier.js';

export { grantedPermissions, type TenantContext } from './claims.js';
export { mintDevToken, type MintDevTokenOptions } from './dev-token.js';
export { AuthError } from './errors.js';
export { createTokenVerifier, type TokenVerifier, type VerifierOptions } from './verifier.js';

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

/** Extracts the bearer token or throws AuthError. */
export function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (header === undefined || header === '') throw new AuthError('invalid_request', '');
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i.exec(header);
  if (!match) throw new AuthError('invalid_request', 'the Authorization header is not a Bearer token');
  return match[1];
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
