import { SignJWT } from 'jose';
import { DEV_AUTH_SECRET } from '../config/config.js';
import { TENANT_ID } from './claims.js';

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

const TIME_SPAN =
  /^\d+\s*(s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days|w|week|weeks|y|yr|yrs|year|years)$/i;

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
  if (!TIME_SPAN.test(ttl)) {
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
