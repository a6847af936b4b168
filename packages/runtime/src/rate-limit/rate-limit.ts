// Keeps @fastify/rate-limit's `config.rateLimit` route option typed for services compiled against dist/.
/// <reference types="@fastify/rate-limit" preserve="true" />
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { problem } from '../errors/problem.js';

export interface RateLimitPluginOptions {
  /** Requests allowed per key and window. */
  max: number;
  windowMs: number;
}

/** Authenticated calls are limited per tenant, anonymous ones per client address. */
export function rateLimitKey(request: FastifyRequest): string {
  const tenant = (request as { tenant?: { id: string } | null }).tenant;
  return tenant ? `tenant:${tenant.id}` : `ip:${request.ip}`;
}

/**
 * @fastify/rate-limit (11.x: Fastify 5, no Node engine constraint) with problem+json 429s and `Retry-After`.
 * The check runs as a route-level onRequest hook, i.e. after the scope's auth hook, so the tenant is
 * known. Routes opt out with `config: { rateLimit: false }` (the probes and /metrics do).
 */
async function rateLimitPlugin(app: FastifyInstance, options: RateLimitPluginOptions): Promise<void> {
  if (!Number.isInteger(options.max) || options.max < 1) {
    throw new TypeError('rateLimitPlugin: option "max" must be a positive integer');
  }
  if (!Number.isInteger(options.windowMs) || options.windowMs < 1) {
    throw new TypeError('rateLimitPlugin: option "windowMs" must be a positive integer');
  }
  await app.register(rateLimit, {
    global: true,
    max: options.max,
    timeWindow: options.windowMs,
    hook: 'onRequest',
    keyGenerator: rateLimitKey,
    addHeadersOnExceeding: {
      'x-ratelimit-limit': true,
      'x-ratelimit-remaining': true,
      'x-ratelimit-reset': true,
    },
    addHeaders: {
      'x-ratelimit-limit': true,
      'x-ratelimit-remaining': true,
      'x-ratelimit-reset': true,
      'retry-after': true,
    },
    errorResponseBuilder: (_request, context) =>
      problem('RATE_LIMITED', {
        detail: `Rate limit of ${context.max} requests exceeded; retry in ${context.after}`,
        // The plugin sets the header on the reply too; repeating it keeps it if that ever changes.
        headers: { 'retry-after': String(Math.max(1, Math.ceil(context.ttl / 1000))) },
      }),
  });
}

export default fp(rateLimitPlugin, { name: 'shipshape-rate-limit', fastify: '5.x' });
export { rateLimitPlugin };
