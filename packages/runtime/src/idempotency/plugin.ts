import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Database } from '../data/types.js';
import { problem } from '../errors/problem.js';
import type { IdempotencyMetrics } from '../metrics/metrics.js';
import { requestFingerprint } from './fingerprint.js';
import { MAX_KEY_LENGTH, readIdempotencyKey } from './key.js';
import { IdempotencyStore, type IdempotencyStoreOptions, type KeyScope } from './store.js';

export const REPLAYED_HEADER = 'idempotent-replayed';
/** Response headers kept with the body and replayed with it. */
const STORED_HEADERS = ['content-type', 'location'] as const;

export interface IdempotencyPluginOptions extends IdempotencyStoreOptions {
  db: Database;
  /** Counters for replays and conflicts (runtime metrics). */
  metrics?: IdempotencyMetrics;
  /** Longest accepted key (default 255). */
  maxKeyLength?: number;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false` exempts a POST route from the Idempotency-Key requirement. */
    idempotency?: boolean;
  }
}

interface Claim {
  scope: KeyScope;
  token: string;
  settled: boolean;
}

const claims = new WeakMap<FastifyRequest, Claim>();
const replayed = new WeakSet<FastifyRequest>();

function applies(request: FastifyRequest): boolean {
  return (
    request.method === 'POST' &&
    request.routeOptions.config?.idempotency !== false &&
    request.routeOptions.url !== undefined
  );
}

function payloadBytes(payload: unknown): Buffer | undefined {
  if (payload === null || payload === undefined) return Buffer.alloc(0);
  if (typeof payload === 'string') return Buffer.from(payload, 'utf8');
  if (Buffer.isBuffer(payload)) return payload;
  return undefined; // a stream: cannot be stored without buffering it
}

/**
 * Idempotency for every POST in the scope it is registered in (DESIGN.md):
 * - `Idempotency-Key` is required (400 IDEMPOTENCY_KEY_MISSING) and must be one printable-ASCII value of
 *   at most 255 characters (400 IDEMPOTENCY_KEY_INVALID);
 * - the same key with the same params/query/body replays the first response byte for byte (status, body,
 *   Content-Type, Location) with `Idempotent-Replayed: true`;
 * - the same key with another payload answers 422 IDEMPOTENCY_KEY_MISMATCH;
 * - the same key while the first request runs answers 409 IDEMPOTENCY_KEY_IN_FLIGHT with Retry-After;
 * - keys are scoped to tenant + method + route template and kept for ttlMs (24 h).
 * 2xx–4xx responses are stored; a 5xx (or a streamed body) releases the key so the client can retry.
 * Must be registered after authentication: it reads `request.tenant`.
 */
async function idempotencyPlugin(app: FastifyInstance, options: IdempotencyPluginOptions): Promise<void> {
  if (!options?.db || typeof options.db.tenantTx !== 'function') {
    throw new TypeError('idempotencyPlugin: option "db" must be a Database');
  }
  const maxKeyLength = options.maxKeyLength ?? MAX_KEY_LENGTH;
  if (!Number.isInteger(maxKeyLength) || maxKeyLength < 1) {
    throw new TypeError('idempotencyPlugin: option "maxKeyLength" must be a positive integer');
  }
  const store = new IdempotencyStore(options.db, options);
  const metrics = options.metrics;

  app.addHook('preValidation', async (request) => {
    if (!applies(request)) return;
    const check = readIdempotencyKey(request.raw.rawHeaders, maxKeyLength);
    if (!check.ok) throw problem(check.code, { detail: check.detail });
  });

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!applies(request)) return;
    const tenant = request.tenant;
    if (!tenant?.id)
      throw new Error('idempotencyPlugin needs request.tenant: register it after authentication');
    const check = readIdempotencyKey(request.raw.rawHeaders, maxKeyLength);
    if (!check.ok) throw problem(check.code, { detail: check.detail });
    const route = request.routeOptions.url as string;
    const scope: KeyScope = { tenantId: tenant.id, method: request.method, route, key: check.key };
    const fingerprint = requestFingerprint({
      params: request.params,
      query: request.query,
      body: request.body,
    });
    const result = await store.claim(scope, fingerprint);
    switch (result.outcome) {
      case 'claimed':
        claims.set(request, { scope, token: result.token, settled: false });
        return;
      case 'replay': {
        metrics?.replayed(route);
        replayed.add(request);
        reply.code(result.response.status);
        for (const [name, value] of Object.entries(result.response.headers)) reply.header(name, value);
        reply.header(REPLAYED_HEADER, 'true');
        return reply.send(result.response.body);
      }
      case 'in_flight':
        metrics?.conflict(route, 'in_flight');
        throw problem('IDEMPOTENCY_KEY_IN_FLIGHT', {
          detail: 'A request with this Idempotency-Key is still being processed; retry after it completes',
          headers: { 'retry-after': '1' },
        });
      case 'mismatch':
        metrics?.conflict(route, 'mismatch');
        throw problem('IDEMPOTENCY_KEY_MISMATCH', {
          detail: 'This Idempotency-Key was already used with a different request payload',
        });
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = claims.get(request);
    if (!claim || claim.settled || replayed.has(request)) return payload;
    claim.settled = true;
    const body = payloadBytes(payload);
    const status = reply.statusCode;
    try {
      if (status >= 500 || body === undefined) {
        if (body === undefined)
          request.log.warn(
            { route: claim.scope.route },
            'idempotency: streamed response not stored; key released',
          );
        await store.release(claim.scope, claim.token);
        return payload;
      }
      const headers: Record<string, string> = {};
      for (const name of STORED_HEADERS) {
        const value = reply.getHeader(name);
        if (value !== undefined) headers[name] = String(value);
      }
      const stored = await store.complete(claim.scope, claim.token, { status, headers, body });
      if (!stored)
        request.log.warn(
          { route: claim.scope.route },
          'idempotency: claim lease expired before the response; not stored',
        );
    } catch (err) {
      // The response itself succeeded; a failed write leaves the claim to expire with its lease.
      request.log.error({ err, route: claim.scope.route }, 'idempotency: could not store the response');
    }
    return payload as string | Buffer | Readable | null;
  });

  // A request that ended without onSend (hijacked reply, aborted connection) must not keep its claim.
  app.addHook('onResponse', async (request) => {
    const claim = claims.get(request);
    if (!claim || claim.settled) return;
    claim.settled = true;
    await store.release(claim.scope, claim.token).catch((err: unknown) => {
      request.log.error({ err }, 'idempotency: could not release an unfinished claim');
    });
  });
}

export default fp(idempotencyPlugin, { name: 'shipshape-idempotency', fastify: '5.x' });
export { idempotencyPlugin };
