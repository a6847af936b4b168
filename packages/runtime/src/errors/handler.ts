import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isProblemError, RESERVED_PROBLEM_MEMBERS, type ProblemError } from './problem.js';
import type { ErrorRegistry, ErrorRegistryEntry } from './registry.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export interface ProblemPluginOptions {
  registry: ErrorRegistry;
}

/** One failing field of a schema validation problem. */
export interface FieldError {
  /** Where the field is: body, params, querystring or headers. */
  in: string;
  /** Dotted path of the field (`items.0.sku`); empty for the whole document. */
  field: string;
  message: string;
}

/** The body of every error response (RFC 9457 plus `code` and `traceId`). */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance: string;
  code: string;
  traceId: string;
  [extension: string]: unknown;
}

// OPTIONS is left out: CORS registers a wildcard OPTIONS route, which would make every unknown path a 405.
const KNOWN_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Fastify's own error codes → standard codes. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_BAD_URL: 'BAD_REQUEST',
  FST_ERR_NOT_FOUND: 'ROUTE_NOT_FOUND',
};

/** Status of an error raised by another library → standard code (same status). */
const STATUS_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * SQLSTATEs that mean something to the caller (PostgreSQL and PGlite raise the same ones): never a 500.
 * A row-level security violation answers 404 — the tenancy policy: another tenant's data does not exist.
 */
function classifySqlState(error: {
  code: string;
  message?: unknown;
}): { code: string; detail: string; headers?: Record<string, string> } | undefined {
  const retry = { 'retry-after': '1' };
  switch (error.code) {
    case '23505':
      return { code: 'CONFLICT', detail: 'The request conflicts with an existing resource' };
    case '40001':
    case '40P01':
      return {
        code: 'SERVICE_UNAVAILABLE',
        detail: 'The request collided with a concurrent one; retry it',
        headers: retry,
      };
    case '57014':
    case '25P03':
      return {
        code: 'SERVICE_UNAVAILABLE',
        detail: 'The database did not finish the request in time; retry it',
        headers: retry,
      };
    case '42501':
      if (typeof error.message === 'string' && /row-level security/i.test(error.message)) {
        return { code: 'NOT_FOUND', detail: 'No such resource' };
      }
      return undefined;
    default:
      return undefined;
  }
}

const INTERNAL_DETAIL = 'An unexpected error occurred. Quote the traceId when reporting it.';

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

function pointerToField(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

/** Ajv errors (as attached by Fastify) → one entry per failing field. */
export function fieldErrors(error: FastifyError): FieldError[] {
  const location = error.validationContext ?? 'body';
  return (error.validation ?? []).map((v) => {
    const params = v.params as Record<string, unknown>;
    let field = pointerToField(v.instancePath);
    if (v.keyword === 'required' && typeof params.missingProperty === 'string') {
      field = field ? `${field}.${params.missingProperty}` : params.missingProperty;
    } else if (v.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
      field = field ? `${field}.${params.additionalProperty}` : params.additionalProperty;
    }
    return { in: location, field, message: v.message ?? v.keyword };
  });
}

/**
 * Writes a problem+json response for a registry code. Used by the error handler, the not-found handler,
 * and anything that must answer before routing (framework errors).
 */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  registry: ErrorRegistry,
  code: string,
  options: { detail?: string; extensions?: Record<string, unknown>; headers?: Record<string, string> } = {},
): FastifyReply {
  let entry: ErrorRegistryEntry | undefined = registry.resolve(code);
  let detail = options.detail;
  let extensions = options.extensions ?? {};
  let headers = options.headers ?? {};
  if (!entry) {
    request.log.error({ code }, `problem code ${code} is not in errors/error-codes.yaml; answering 500`);
    entry = registry.resolve('INTERNAL') as ErrorRegistryEntry;
    detail = INTERNAL_DETAIL;
    extensions = {};
    headers = {};
  }
  const body: ProblemBody = {
    type: entry.type,
    title: entry.title,
    status: entry.status,
    ...(detail !== undefined ? { detail } : {}),
    instance: pathOf(request.url),
    code: entry.code,
    traceId: request.id,
  };
  for (const [key, value] of Object.entries(extensions)) {
    if (!RESERVED_PROBLEM_MEMBERS.includes(key)) body[key] = value;
  }
  reply.code(entry.status);
  for (const [name, value] of Object.entries(headers)) reply.header(name, value);
  reply.header('content-type', PROBLEM_CONTENT_TYPE);
  // A pre-serialised string bypasses any response schema a route declared for this status, so a problem
  // body is never stripped of members by fast-json-stringify.
  return reply.send(JSON.stringify(body));
}

/** Maps any thrown value to a registry code and problem options. */
export function classifyError(error: unknown): {
  code: string;
  detail?: string;
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
  internal: boolean;
} {
  if (isProblemError(error)) {
    const p = error as ProblemError;
    return { code: p.code, detail: p.detail, extensions: p.extensions, headers: p.headers, internal: false };
  }
  const fe = error as Partial<FastifyError> | null;
  if (fe && Array.isArray(fe.validation)) {
    const errors = fieldErrors(fe as FastifyError);
    const fields = errors.map((e) => `${e.in}${e.field ? '.' + e.field : ''}`);
    return {
      code: 'VALIDATION_FAILED',
      detail: `Invalid ${[...new Set(fields)].join(', ')}`,
      extensions: { errors },
      internal: false,
    };
  }
  if (fe && typeof fe.code === 'string' && FASTIFY_CODES[fe.code]) {
    return { code: FASTIFY_CODES[fe.code], detail: fe.message, internal: false };
  }
  if (fe && typeof fe.code === 'string' && /^[0-9A-Z]{5}$/.test(fe.code)) {
    const mapped = classifySqlState(fe as { code: string; message?: unknown });
    if (mapped) return { ...mapped, internal: false };
  }
  const status = typeof fe?.statusCode === 'number' ? fe.statusCode : 500;
  if (fe instanceof SyntaxError && status === 400) {
    return { code: 'MALFORMED_JSON', detail: 'The request body is not valid JSON', internal: false };
  }
  if (status >= 400 && status < 500) {
    return { code: STATUS_CODES[status] ?? 'BAD_REQUEST', detail: fe?.message, internal: false };
  }
  if (status === 503) return { code: 'SERVICE_UNAVAILABLE', internal: false };
  return { code: 'INTERNAL', detail: INTERNAL_DETAIL, internal: true };
}

/** Methods served at a concrete path, by asking the router (Fastify has no 405 of its own). */
export function allowedMethods(app: FastifyInstance, url: string, extra: Iterable<string> = []): string[] {
  const path = pathOf(url);
  const methods = new Set([...KNOWN_METHODS, ...extra]);
  methods.delete('OPTIONS');
  return [...methods].filter((method) => app.findRoute({ method: method as 'GET', url: path }) !== null);
}

async function problemPlugin(app: FastifyInstance, options: ProblemPluginOptions): Promise<void> {
  const { registry } = options;
  if (!registry || typeof registry.resolve !== 'function') {
    throw new TypeError('problemPlugin: option "registry" must be an ErrorRegistry');
  }
  const seenMethods = new Set<string>();
  app.addHook('onRoute', (route) => {
    for (const m of [route.method].flat()) seenMethods.add(String(m).toUpperCase());
  });

  app.setErrorHandler((error, request, reply) => {
    const c = classifyError(error);
    const status = registry.resolve(c.code)?.status ?? 500;
    if (c.internal || status === 500) {
      request.log.error({ err: error, tenant: request.tenant?.id }, 'request failed');
    } else if (status >= 500) {
      // 503s (database or JWKS unreachable, shutting down): the cause matters to operators.
      request.log.warn({ err: error, code: c.code, tenant: request.tenant?.id }, 'request not served');
    } else {
      request.log.info({ code: c.code, status }, 'request rejected');
    }
    return sendProblem(request, reply, registry, c.code, c);
  });

  app.setNotFoundHandler((request, reply) => {
    const allow = allowedMethods(app, request.url, seenMethods).filter((m) => m !== request.method);
    if (allow.length > 0) {
      return sendProblem(request, reply, registry, 'METHOD_NOT_ALLOWED', {
        detail: `${request.method} is not allowed on ${pathOf(request.url)}; allowed: ${allow.join(', ')}`,
        headers: { allow: allow.join(', ') },
      });
    }
    return sendProblem(request, reply, registry, 'ROUTE_NOT_FOUND', {
      detail: `No route ${request.method} ${pathOf(request.url)}`,
    });
  });
}

export default fp(problemPlugin, { name: 'shipshape-problem', fastify: '5.x' });
export { problemPlugin };
