// Keeps @fastify/rate-limit's `config.rateLimit` route option typed for services compiled against dist/.
/// <reference types="@fastify/rate-limit" preserve="true" />
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { problem } from '../errors/problem.js';

export interface RateLimitPluginOptions {
  /** Requests allowed per tenant (authenticated requests) and window. */
  max: number;
  /** Requests allowed per client address and window, counted before authentication (default: max). */
  addressMax?: number;
  windowMs: number;
}

/** Authenticated calls are limited per tenant, anonymous ones per client address. */
export function rateLimitKey(request: FastifyRequest): string {
  const tenant = (request as { tenant?: { id: string } | null }).tenant;
  return tenant ? `tenant:${tenant.id}` : `ip:${request.ip}`;
}

interface Budget {
  policy: 'address' | 'tenant';
  remaining: number;
  resetSeconds: number;
}

type Limiter = (request: FastifyRequest) => Promise<{
  isAllowed: boolean;
  remaining?: number;
  ttlInSeconds?: number;
  isExceeded?: boolean;
}>;

const budgets = new WeakMap<FastifyRequest, Budget[]>();

function exempt(request: FastifyRequest): boolean {
  return request.routeOptions.config?.rateLimit === false;
}

/**
 * Two budgets, both on @fastify/rate-limit's store (11.x: Fastify 5, no Node engine constraint):
 * - per client address, checked first on every request, before authentication and routing, so forged tokens
 *   and unknown routes are limited too (the address is Fastify's `request.ip`: set `trustProxy` when behind a
 *   proxy, or every client shares the proxy's address);
 * - per tenant, checked after authentication on every route of the authenticated scope.
 * Responses carry the IETF fields (draft-ietf-httpapi-ratelimit-headers): `RateLimit-Policy` lists both
 * policies, `RateLimit` the tightest remaining budget. A request over either answers 429 problem+json with
 * `Retry-After`. Routes opt out with `config: { rateLimit: false }` (the probes and /metrics do); a route's
 * `config: { rateLimit: { max, timeWindow } }` gets the library's own per-route limit instead of the tenant one.
 */
async function rateLimitPlugin(app: FastifyInstance, options: RateLimitPluginOptions): Promise<void> {
  const addressMax = options.addressMax ?? options.max;
  for (const [name, value] of [
    ['max', options.max],
    ['addressMax', addressMax],
    ['windowMs', options.windowMs],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new TypeError(`rateLimitPlugin: option "${name}" must be a positive integer`);
    }
  }
  const windowSeconds = Math.ceil(options.windowMs / 1000);
  const policyHeader = `"address";q=${addressMax};w=${windowSeconds}, "tenant";q=${options.max};w=${windowSeconds}`;

  await app.register(rateLimit, {
    global: false,
    max: options.max,
    timeWindow: options.windowMs,
    hook: 'onRequest',
    keyGenerator: rateLimitKey,
    addHeadersOnExceeding: {
      'x-ratelimit-limit': false,
      'x-ratelimit-remaining': false,
      'x-ratelimit-reset': false,
    },
    addHeaders: {
      'x-ratelimit-limit': false,
      'x-ratelimit-remaining': false,
      'x-ratelimit-reset': false,
      'retry-after': true,
    },
    errorResponseBuilder: (_request, context) =>
      problem('RATE_LIMITED', {
        detail: `Rate limit of ${context.max} requests exceeded; retry in ${context.after}`,
        headers: { 'retry-after': String(Math.max(1, Math.ceil(context.ttl / 1000))) },
      }),
  });

  const limiter = (max: number, key: (request: FastifyRequest) => string): Limiter =>
    app.createRateLimit({ max, timeWindow: options.windowMs, keyGenerator: key }) as unknown as Limiter;
  const byAddress = limiter(addressMax, (request) => `addr:${request.ip}`);
  const byTenant = limiter(options.max, (request) => `tenant:${request.tenant?.id ?? ''}`);

  const check = async (
    request: FastifyRequest,
    reply: FastifyReply,
    policy: Budget['policy'],
    limit: Limiter,
    max: number,
  ): Promise<void> => {
    const result = await limit(request);
    if (result.isAllowed) return; // allow-listed
    const resetSeconds = Math.max(1, result.ttlInSeconds ?? windowSeconds);
    const list = budgets.get(request) ?? [];
    list.push({ policy, remaining: result.remaining ?? max, resetSeconds });
    budgets.set(request, list);
    if (result.isExceeded) {
      reply.header('retry-after', String(resetSeconds));
      throw problem('RATE_LIMITED', {
        detail: `Rate limit of ${max} requests per ${windowSeconds} s (${policy}) exceeded; retry in ${resetSeconds} s`,
        headers: { 'retry-after': String(resetSeconds) },
      });
    }
  };

  app.addHook('onRequest', async (request, reply) => {
    if (exempt(request)) return;
    await check(request, reply, 'address', byAddress, addressMax);
  });

  const tenantHook: onRequestHookHandler = async function (request, reply) {
    if (!request.tenant) return; // anonymous: the address budget applies
    await check(request, reply, 'tenant', byTenant, options.max);
  };
  app.addHook('onRoute', (route) => {
    const config = route.config as { rateLimit?: unknown } | undefined;
    if (config?.rateLimit !== undefined) return; // false: exempt; an object: the library's per-route limit
    route.onRequest = [...[route.onRequest ?? []].flat(), tenantHook];
  });

  app.addHook('onSend', (request, reply, payload, done) => {
    const list = budgets.get(request);
    if (list && list.length > 0) {
      const tightest = list.reduce((a, b) => (b.remaining < a.remaining ? b : a));
      reply.header('ratelimit-policy', policyHeader);
      reply.header('ratelimit', `"${tightest.policy}";r=${tightest.remaining};t=${tightest.resetSeconds}`);
    }
    done(null, payload);
  });
}

export default fp(rateLimitPlugin, { name: 'shipshape-rate-limit', fastify: '5.x' });
export { rateLimitPlugin };
