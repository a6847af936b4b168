import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { endableTx } from '../data/tenant-tx.js';
import type { Database, Tx } from '../data/types.js';
import { problem } from '../errors/problem.js';
import type { IdempotencyMetrics } from '../metrics/metrics.js';
import { rawJsonBody } from '../service/json-body.js';
import { exactBody, requestFingerprint } from './fingerprint.js';
import { claimAndHold, openClaimedTx } from './claim.js';
import type { HeldTransaction } from './held-tx.js';
import { MAX_KEY_LENGTH, readIdempotencyKey } from './key.js';
import { IdempotencyStore, type IdempotencyStoreOptions, type KeyScope } from './store.js';

export const REPLAYED_HEADER = 'idempotent-replayed';
/** Response headers kept with the body and replayed with it. */
const STORED_HEADERS = ['content-type', 'location', 'etag'] as const;

export interface IdempotencyPluginOptions extends IdempotencyStoreOptions {
  db: Database;
  /** Counters for replays and conflicts (runtime metrics). */
  metrics?: IdempotencyMetrics;
  /** Longest accepted key (default 255). */
  maxKeyLength?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Runs fn in one transaction scoped to the caller's tenant (`SET LOCAL ROLE shipshape_app`,
     * `app.tenant_id` transaction-local): RLS isolates tenants even when a query forgets its filter. On an
     * idempotent POST the transaction commits only together with the stored response (after onSend).
     */
    withTenant<T>(request: FastifyRequest, fn: (tx: Tx) => Promise<T>): Promise<T>;
  }
  interface FastifyContextConfig {
    /** `false` exempts a POST route from the Idempotency-Key requirement. */
    idempotency?: boolean;
  }
}

interface Claim {
  scope: KeyScope;
  token: string;
  /** The handler's transaction, opened at its first withTenant (or at onSend when it never called one). */
  held?: Promise<HeldTransaction>;
  /** withTenant calls of one request run one after another inside the held transaction. */
  queue: Promise<unknown>;
  settled: boolean;
  /** The held transaction was opened with the claim and no withTenant call has run in it yet. */
  fresh: boolean;
}

const claims = new WeakMap<FastifyRequest, Claim>();
const replayed = new WeakSet<FastifyRequest>();

/** Who the key belongs to: the token's subject, else its client id. */
function principalOf(request: FastifyRequest): string {
  const claimsOf = request.tenant.claims ?? {};
  const client = claimsOf.client_id ?? claimsOf.azp;
  return request.tenant.subject || (typeof client === 'string' ? client : '');
}

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
 * - keys are scoped to tenant + principal (`sub`, else client id) + method + route template and kept for
 *   ttlMs (24 h); authentication and the route's permission check run before a replay is served.
 * The handler's `withTenant` transaction is held open until the response is known: the claim row is locked
 * in it, the 2xx–4xx response is written into it before COMMIT, so a key either has a stored response or no
 * committed effect. A 5xx (or a failed commit) rolls the handler's work back and releases the key.
 * Decorates `withTenant` (every withTenant of one idempotent request shares that transaction, one savepoint
 * each). Must be registered after authentication: it reads `request.tenant`.
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

  // Route-level hooks, attached only to POST routes that take a key: a GET pays for none of them.
  type HookName = 'preValidation' | 'preHandler' | 'onSend' | 'onResponse';
  const routeHooks: Array<[HookName, unknown]> = [];
  const hook = (name: HookName, fn: unknown): void => {
    routeHooks.push([name, fn]);
  };
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat().map((m) => String(m).toUpperCase());
    if (!methods.includes('POST') || route.config?.idempotency === false) return;
    const target = route as unknown as Record<HookName, unknown>;
    for (const [name, fn] of routeHooks) target[name] = [...[target[name] ?? []].flat(), fn];
  });

  hook('preValidation', async (request: FastifyRequest) => {
    if (!applies(request)) return;
    const check = readIdempotencyKey(request.raw.rawHeaders, maxKeyLength);
    if (!check.ok) throw problem(check.code, { detail: check.detail });
  });

  const tenantRef = (request: FastifyRequest) => ({
    id: request.tenant.id,
    subject: request.tenant.subject,
    traceId: request.id,
  });

  const openHeld = (request: FastifyRequest, claim: Claim): Promise<HeldTransaction> =>
    openClaimedTx(options.db, store, tenantRef(request), claim.scope, claim.token);

  if (!app.hasDecorator('withTenant')) {
    app.decorate('withTenant', <T>(request: FastifyRequest, fn: (tx: Tx) => Promise<T>): Promise<T> => {
      if (!request.tenant) return Promise.reject(new Error('withTenant: the request is not authenticated'));
      const claim = claims.get(request);
      if (!claim) return options.db.tenantTx(tenantRef(request), fn);
      if (claim.settled) {
        return Promise.reject(new Error('withTenant: called after the idempotent response was sent'));
      }
      const first = claim.held === undefined || claim.fresh;
      claim.fresh = false;
      const held = (claim.held ??= openHeld(request, claim));
      // Each later call is a savepoint of the one held transaction: a call that throws undoes only its own
      // work, as its own transaction would have. The first call needs none (two round trips saved): when it
      // throws, the whole transaction is rolled back and onSend opens a fresh one for the response.
      // The Tx a call got is unusable once it returns.
      const run = claim.queue.then(async () => {
        const h = await held;
        const { tx } = h;
        if (!first) await tx.exec('SAVEPOINT shipshape_call');
        const scoped = endableTx(tx);
        try {
          const result = await fn(scoped.tx);
          if (!first) await tx.exec('RELEASE SAVEPOINT shipshape_call');
          return result;
        } catch (err) {
          if (first) {
            claim.held = undefined;
            await h.rollback();
          } else {
            await tx.exec('ROLLBACK TO SAVEPOINT shipshape_call').catch(() => undefined);
          }
          throw err;
        } finally {
          scoped.end();
        }
      });
      claim.queue = run.catch(() => undefined);
      return run;
    });
  }

  hook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!applies(request)) return;
    const tenant = request.tenant;
    if (!tenant?.id)
      throw new Error('idempotencyPlugin needs request.tenant: register it after authentication');
    const check = readIdempotencyKey(request.raw.rawHeaders, maxKeyLength);
    if (!check.ok) throw problem(check.code, { detail: check.detail });
    const route = request.routeOptions.url as string;
    const scope: KeyScope = {
      tenantId: tenant.id,
      principal: principalOf(request),
      method: request.method,
      route,
      key: check.key,
    };
    const fingerprint = requestFingerprint({
      params: request.params,
      query: request.query,
      body: exactBody(rawJsonBody(request), request.body),
    });
    const result = await claimAndHold(options.db, store, tenantRef(request), scope, fingerprint);
    switch (result.outcome) {
      case 'claimed':
        claims.set(request, {
          scope,
          token: result.token,
          settled: false,
          queue: Promise.resolve(),
          held: result.held && Promise.resolve(result.held),
          fresh: result.held !== undefined,
        });
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

  /** Rolls the held transaction back (if any) and deletes the claim, so the client may retry. */
  const abandon = async (request: FastifyRequest, claim: Claim): Promise<void> => {
    if (claim.held) {
      const held = await claim.held.catch(() => undefined);
      await claim.queue;
      await held?.rollback();
    }
    await store.release(claim.scope, claim.token).catch((err: unknown) => {
      // Nothing was committed; the claim's lease runs out and a retry takes it over.
      request.log.error({ err, route: claim.scope.route }, 'idempotency: could not release a claim');
    });
  };

  hook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const claim = claims.get(request);
    if (!claim || claim.settled || replayed.has(request)) return payload;
    claim.settled = true;
    const body = payloadBytes(payload);
    const status = reply.statusCode;
    if (status >= 500) {
      // Before COMMIT: nothing the handler did is kept, the key is free again.
      await abandon(request, claim);
      return payload;
    }
    if (body === undefined) {
      await abandon(request, claim);
      throw new Error(
        'idempotency: a streamed response cannot be stored; an idempotent route must send a body, not a stream',
      );
    }
    const headers: Record<string, string> = {};
    for (const name of STORED_HEADERS) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    try {
      const held = await (claim.held ??= openHeld(request, claim));
      await claim.queue;
      // The response is written in the handler's transaction, then it commits: both or neither.
      await held.commit((tx) => store.completeIn(tx, claim.scope, claim.token, { status, headers, body }));
    } catch (err) {
      await abandon(request, claim);
      // Rendered by the problem handler instead of the response that could not be kept (503 when the
      // database is away, 409 when the claim was taken over, 500 otherwise).
      throw err;
    }
    return payload as string | Buffer | Readable | null;
  });

  // A request that ended without onSend (hijacked reply, aborted connection) must not keep its claim.
  hook('onResponse', async (request: FastifyRequest) => {
    const claim = claims.get(request);
    if (!claim || claim.settled) return;
    claim.settled = true;
    await abandon(request, claim);
  });
}

export default fp(idempotencyPlugin, { name: 'shipshape-idempotency', fastify: '5.x' });
export { idempotencyPlugin };
