/**
 * The runtime's own error codes. Every service registry (`errors/error-codes.yaml`) must contain each of
 * them as `<ORG>.<SVC>.<CODE>`: the generator renders the registry from this table, the runtime checks it at
 * start-up, lint cross-checks registries against it and the docs site lists it.
 */
export interface StandardErrorCode {
  status: number;
  title: string;
  description: string;
}

export const standardErrorCodes = {
  BAD_REQUEST: {
    status: 400,
    title: 'Bad request',
    description: 'The request could not be understood (for example a malformed URL or header).',
  },
  MALFORMED_JSON: {
    status: 400,
    title: 'Malformed JSON body',
    description: 'The request body is not valid JSON, or is empty while Content-Type says JSON.',
  },
  VALIDATION_FAILED: {
    status: 400,
    title: 'Request validation failed',
    description:
      'The body, path parameters, query string or headers do not match the operation schema; `errors` lists each failing field.',
  },
  INVALID_CURSOR: {
    status: 400,
    title: 'Invalid pagination cursor',
    description: 'The `cursor` parameter was not produced by this service or has been altered.',
  },
  IDEMPOTENCY_KEY_MISSING: {
    status: 400,
    title: 'Idempotency-Key header required',
    description: 'Every POST must carry an `Idempotency-Key` header.',
  },
  IDEMPOTENCY_KEY_INVALID: {
    status: 400,
    title: 'Invalid Idempotency-Key header',
    description:
      'The `Idempotency-Key` header is empty, repeated, too long or contains characters outside printable ASCII.',
  },
  UNAUTHENTICATED: {
    status: 401,
    title: 'Authentication required',
    description:
      'The request has no valid bearer token (missing, malformed, expired, wrong issuer/audience or signature).',
  },
  FORBIDDEN: {
    status: 403,
    title: 'Forbidden',
    description: 'The caller is authenticated but may not perform this operation.',
  },
  NOT_FOUND: {
    status: 404,
    title: 'Resource not found',
    description: 'No such resource exists for the caller’s tenant.',
  },
  ROUTE_NOT_FOUND: {
    status: 404,
    title: 'Route not found',
    description: 'No operation is served at this path.',
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    title: 'Method not allowed',
    description:
      'The path exists but does not support this method; the `Allow` header lists the methods it does.',
  },
  NOT_ACCEPTABLE: {
    status: 406,
    title: 'Not acceptable',
    description: 'The service cannot produce a representation matching the `Accept` header.',
  },
  IDEMPOTENCY_KEY_IN_FLIGHT: {
    status: 409,
    title: 'Request with this Idempotency-Key is in progress',
    description: 'A request with the same key is still being processed; retry after it completes.',
  },
  CONFLICT: {
    status: 409,
    title: 'Conflict',
    description: 'The request conflicts with the current state of the resource.',
  },
  PRECONDITION_FAILED: {
    status: 412,
    title: 'Precondition failed',
    description:
      'The `If-Match` entity tag is not the resource’s current `ETag` (it changed since it was read, or the tag is weak): read it again and retry with the new `ETag`.',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    title: 'Payload too large',
    description: 'The request body exceeds the size limit.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: 'Unsupported media type',
    description: 'The request body has a Content-Type the operation does not accept (use application/json).',
  },
  IDEMPOTENCY_KEY_MISMATCH: {
    status: 422,
    title: 'Idempotency-Key reused with a different request',
    description: 'The key was already used for a request with a different payload.',
  },
  PRECONDITION_REQUIRED: {
    status: 428,
    title: 'Precondition required',
    description:
      'The operation requires `If-Match` with the `ETag` of the resource as last read, so that a concurrent change is not overwritten.',
  },
  RATE_LIMITED: {
    status: 429,
    title: 'Too many requests',
    description:
      'The caller exceeded the request rate limit; retry after the number of seconds in `Retry-After`.',
  },
  INTERNAL: {
    status: 500,
    title: 'Internal server error',
    description: 'An unexpected error occurred; it has been logged with the trace id.',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    title: 'Service unavailable',
    description: 'A dependency (such as the database) is unavailable or the service is shutting down.',
  },
} as const satisfies Record<string, StandardErrorCode>;

export type StandardErrorCodeName = keyof typeof standardErrorCodes;
