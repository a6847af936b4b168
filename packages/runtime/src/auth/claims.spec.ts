import { describe, expect, it } from 'vitest';
import { grantedPermissions, tenantFromClaims } from './claims.js';
import { AuthError } from './errors.js';

describe('tenantFromClaims', () => {
  it('reads the tenant from the configured claim, the subject from sub, and keeps every claim', () => {
    const payload = { org_id: 'org-9', sub: 'u1', exp: 1, extra: true };
    expect(tenantFromClaims(payload, 'org_id')).toEqual({ id: 'org-9', subject: 'u1', claims: payload });
  });

  it('refuses a missing, non-string or unsafe tenant id naming the claim', () => {
    for (const value of [undefined, 42, '', "x' or 1=1", 'a'.repeat(129), '-leading-dash']) {
      const error = (() => {
        try {
          return tenantFromClaims({ sub: 'u1', tenant_id: value }, 'tenant_id');
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(AuthError);
      expect(error).toMatchObject({
        error: 'invalid_token',
        description: 'the token has no usable tenant_id claim',
      });
    }
  });
});

describe('grantedPermissions', () => {
  it('unions a space-separated scope, scp (string or array) and permissions', () => {
    expect([...grantedPermissions({ scope: 'a  b', scp: ['c'], permissions: ['d', 7, ''] })].sort()).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
    expect([...grantedPermissions({ scp: 'e f' })]).toEqual(['e', 'f']);
    expect(grantedPermissions({ scope: 3 }).size).toBe(0);
  });
});
