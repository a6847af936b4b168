/**
 * `problem(code, …)` — the one way business code and runtime plugins raise an HTTP error. The code is
 * resolved against the service's error registry by the error handler, which renders RFC 9457
 * problem+json with the registered status, title and type.
 */

export interface ProblemOptions {
  /** Human-readable explanation specific to this occurrence. */
  detail?: string;
  /** Extra members of the problem body (RFC 9457 extensions), e.g. `{ errors: [...] }`. */
  extensions?: Record<string, unknown>;
  /** Response headers to send with the problem (e.g. `Retry-After`, `Allow`). */
  headers?: Record<string, string>;
  /** The underlying error, logged (never sent) when the problem is a 5xx. */
  cause?: unknown;
}

/** Members a problem body always has; extensions may not overwrite them. */
export const RESERVED_PROBLEM_MEMBERS = ['type', 'title', 'status', 'detail', 'instance', 'code', 'traceId'];

export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  /** Short (`ORDER_NOT_FOUND`) or fully qualified (`ACME.ORDERS.ORDER_NOT_FOUND`) registry code. */
  readonly code: string;
  readonly detail?: string;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(code: string, options: ProblemOptions = {}) {
    super(options.detail ? `${code}: ${options.detail}` : code, { cause: options.cause });
    this.code = code;
    this.detail = options.detail;
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }
}

/**
 * Creates an error to `throw` from a route, hook or plugin:
 * `throw problem('ORDER_NOT_FOUND', { detail: 'No order 42' })`.
 */
export function problem(code: string, options: ProblemOptions & Record<string, unknown> = {}): ProblemError {
  const { detail, extensions, headers, cause, ...rest } = options;
  return new ProblemError(code, {
    detail,
    headers,
    cause,
    extensions: { ...rest, ...(extensions ?? {}) },
  });
}

export function isProblemError(error: unknown): error is ProblemError {
  return error instanceof ProblemError;
}
