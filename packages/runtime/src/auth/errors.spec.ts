import { errors as joseErrors } from 'jose';
import { describe, expect, it } from 'vitest';
import { AuthError, describeJoseError, unauthenticated } from './errors.js';

describe('describeJoseError', () => {
  it("names the caller's fault in one phrase", () => {
    expect(describeJoseError(new joseErrors.JWTExpired('x', {}))).toMatchObject({
      error: 'invalid_token',
      description: 'the token has expired',
    });
    expect(describeJoseError(new joseErrors.JWTClaimValidationFailed('x', {}, 'iss'))?.description).toBe(
      'the token issuer is not trusted',
    );
    expect(describeJoseError(new joseErrors.JWKSNoMatchingKey())?.description).toBe(
      'the token was signed by an unknown key',
    );
  });

  it("leaves what is not the caller's fault (a JWKS that cannot be fetched) undefined", () => {
    expect(describeJoseError(new joseErrors.JWKSTimeout())).toBeUndefined();
    expect(describeJoseError(new Error('ECONNREFUSED'))).toBeUndefined();
  });
});

describe('unauthenticated', () => {
  it('answers a missing token with a bare challenge, a refused one with error and description', () => {
    const missing = unauthenticated('orders', new AuthError('invalid_request', ''));
    expect(missing.headers).toEqual({ 'www-authenticate': 'Bearer realm="orders"' });
    expect(missing.detail).toBe('A bearer token is required');
    const refused = unauthenticated('orders', new AuthError('invalid_token', 'the token has expired'));
    expect(refused.headers).toEqual({
      'www-authenticate':
        'Bearer realm="orders", error="invalid_token", error_description="the token has expired"',
    });
    expect(refused.detail).toBe('Bearer token refused: the token has expired');
  });
});
