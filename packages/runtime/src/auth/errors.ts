import { errors as joseErrors } from 'jose';
import { problem, type ProblemError } from '../errors/problem.js';

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

/** The caller's fault in a jose verification error as an AuthError; undefined when it is not the caller's. */
export function describeJoseError(error: unknown): AuthError | undefined {
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

/** A refused token as the 401 problem, with the `WWW-Authenticate: Bearer …` challenge of RFC 6750 §3. */
export function unauthenticated(realm: string, error: AuthError): ProblemError {
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
