import type { JWTPayload } from 'jose';
import { AuthError } from './errors.js';

/** Who is calling, from a verified bearer token. */
export interface TenantContext {
  /** The tenant id (from the configured claim, `tenant_id` by default). */
  id: string;
  /** The token's `sub`. */
  subject: string;
  /** Every claim of the verified token. */
  claims: Record<string, unknown>;
}

/** What a tenant id may look like: it reaches SQL settings, logs and metric labels. */
export const TENANT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** The caller of a verified token's claims; a missing or unusable tenant claim is the caller's error. */
export function tenantFromClaims(payload: JWTPayload, tenantClaim: string): TenantContext {
  const tenant = payload[tenantClaim];
  if (typeof tenant !== 'string' || !TENANT_ID.test(tenant)) {
    throw new AuthError('invalid_token', `the token has no usable ${tenantClaim} claim`);
  }
  return { id: tenant, subject: String(payload.sub), claims: payload as Record<string, unknown> };
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
