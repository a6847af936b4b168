import { isAbsolute, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { DestinationStream, Logger } from 'pino';
import { createTokenVerifier } from '../auth/auth.js';
import { loadConfig, type RuntimeConfig } from '../config/config.js';
import type { Database } from '../data/types.js';
import { loadErrorRegistry } from '../errors/registry.js';
import type { HealthCheck, HealthState } from '../health/health.js';
import { idempotencyPlugin, startIdempotencyCleanup } from '../idempotency/index.js';
import { createLogger } from '../logging/logger.js';
import { createMetrics, type RuntimeMetrics } from '../metrics/metrics.js';
import { runMigrations, runtimeMigrations } from '../migrations/index.js';
import { outboxBacklog, startOutboxRelay, type OutboxRelay } from '../outbox/index.js';
import { createTracing, type Tracing } from '../tracing/tracing.js';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { openServiceDatabases, checkLoginRole } from './database-roles.js';
import { createHttpApp } from './http-app.js';

const NAME = /^[a-z][a-z0-9-]{0,62}$/;

/** What a generated service's src/app.ts exports. */
export interface ServiceDefinition {
  /** DNS label: the service name, default JWT audience and WWW-Authenticate realm. */
  name: string;
  /** Org prefix: error codes `<ORG>.<SVC>.<CODE>`, event types `<org>.<svc>.<entity>.<verb>.v<N>`. */
  org: string;
  version: string;
  /** Absolute directory holding `errors/error-codes.yaml` and `migrations/`. */
  serviceDir: string;
  /** Business routes; `api` is the authenticated /api/v1 scope. */
  routes: (api: FastifyInstance) => Promise<void> | void;
  /** Extra dependency checks: critical ones gate /health/ready; all show in /health. */
  healthChecks?: HealthCheck[];
}

export interface CreateServiceOptions {
  /** Where log lines go (default stdout). */
  logStream?: DestinationStream;
  /** Use this database instead of opening one from DATABASE_URL (tests: two instances on one database). */
  database?: Database;
  /** An extra span exporter (tests). */
  spanExporter?: SpanExporter;
  /** Run migrations at start-up (default true). */
  migrate?: boolean;
}

/** A built service: listen with `app.listen`, or test with `app.inject`. */
export interface ServiceApp {
  app: FastifyInstance;
  db: Database;
  config: RuntimeConfig;
  metrics: RuntimeMetrics;
  tracing: Tracing;
  logger: Logger;
  state: HealthState;
  /** The outbox relay when NATS_URL is set; otherwise events wait in the outbox. */
  relay?: OutboxRelay;
  /**
   * Graceful stop: readiness 503 → drain in-flight requests (Fastify close) → stop background jobs → close
   * the pool (unless it was passed in) → flush spans. Safe to call twice.
   */
  close(): Promise<void>;
}

function checkDefinition(definition: ServiceDefinition): void {
  if (!definition || typeof definition !== 'object')
    throw new TypeError('createService: a ServiceDefinition is required');
  if (typeof definition.name !== 'string' || !NAME.test(definition.name)) {
    throw new TypeError(
      `createService: definition "name" must match ${NAME}, got ${JSON.stringify(definition.name)}`,
    );
  }
  if (typeof definition.org !== 'string' || !NAME.test(definition.org)) {
    throw new TypeError(
      `createService: definition "org" must match ${NAME}, got ${JSON.stringify(definition.org)}`,
    );
  }
  if (typeof definition.version !== 'string' || definition.version === '') {
    throw new TypeError('createService: definition "version" is required');
  }
  if (typeof definition.serviceDir !== 'string' || !isAbsolute(definition.serviceDir)) {
    throw new TypeError('createService: definition "serviceDir" must be an absolute path');
  }
  if (typeof definition.routes !== 'function')
    throw new TypeError('createService: definition "routes" must be a function');
}

/**
 * Builds a service without listening: error registry (validated), database + migrations, HTTP core,
 * idempotency on every POST under /api/v1, `api.withTenant`, the idempotency cleanup job.
 */
export async function createService(
  definition: ServiceDefinition,
  config: RuntimeConfig = loadConfig(process.env),
  options: CreateServiceOptions = {},
): Promise<ServiceApp> {
  checkDefinition(definition);
  const { name, org, version } = definition;
  const registry = await loadErrorRegistry(definition.serviceDir, { org, service: name });
  const logger = createLogger({
    level: config.logLevel,
    serviceName: name,
    serviceVersion: version,
    destination: options.logStream,
  });
  const tracing = createTracing({
    serviceName: name,
    serviceVersion: version,
    otlpEndpoint: config.otlpEndpoint,
    exporter: options.spanExporter,
  });
  const metrics = createMetrics({ serviceName: name });
  const ownsDatabase = options.database === undefined;
  let db: Database;
  let owner: Database;
  try {
    if (options.database) {
      db = owner = options.database;
    } else {
      ({ db, owner } = await openServiceDatabases(
        config,
        definition.serviceDir,
        { org, service: name },
        logger,
      ));
    }
  } catch (error) {
    await tracing.shutdown().catch(() => undefined);
    throw error;
  }
  const cleanups: Array<() => Promise<void>> = [];
  try {
    if (options.migrate !== false) {
      const report = await runMigrations(owner, [
        runtimeMigrations,
        { source: 'service', dir: join(definition.serviceDir, 'migrations') },
      ]);
      for (const m of report.applied)
        logger.info({ migration: `${m.source}/${m.name}` }, 'migration applied');
    }
    if (ownsDatabase) await checkLoginRole(db, config, logger);
    metrics.observePool(() => db.stats());

    if (config.auth.usingBuiltInSecret) {
      logger.warn(
        'AUTH_DEV_SECRET and AUTH_JWKS_URL are unset: accepting tokens signed with the public dev secret',
      );
    }
    const naming = { org, service: name };
    let relay: OutboxRelay | undefined;
    const healthChecks: HealthCheck[] = [
      {
        name: 'database',
        critical: true,
        check: async () => {
          await db.ping(config.readinessTimeoutMs);
          return { detail: db.description };
        },
      },
    ];
    if (config.natsUrl) {
      relay = startOutboxRelay({ db, natsUrl: config.natsUrl, naming, logger, ...config.outbox });
      const started = relay;
      cleanups.push(() => started.stop());
      // The broker is not critical: while it is away, events wait in the outbox and requests still succeed.
      healthChecks.push({
        name: 'broker',
        critical: false,
        check: async () => {
          const status = started.status();
          if (!status.connected) throw new Error(status.lastError ?? 'not connected to NATS');
          return { detail: `published ${status.published}` };
        },
      });
    } else {
      logger.info('NATS_URL is unset: outbox events wait until a broker is configured');
    }
    metrics.observeOutbox(async () => (await outboxBacklog(db)).pending);
    metrics.observeOutboxBacklog(() => outboxBacklog(db));
    // Not critical either, but visible: what waits, for how long, and what was given up on.
    healthChecks.push({
      name: 'outbox',
      critical: false,
      check: async () => {
        const b = await outboxBacklog(db);
        const detail = `${b.pending} pending, oldest ${Math.round(b.oldestPendingSeconds)} s, ${b.deadLettered} dead-lettered`;
        if (b.deadLettered > 0) throw new Error(`${detail} (runbook: outbox-dead-letter)`);
        return { detail };
      },
    });
    healthChecks.push(...(definition.healthChecks ?? []));
    const state: HealthState = { ready: true, accepting: true };
    const app = await createHttpApp({
      serviceName: name,
      serviceVersion: version,
      config,
      registry,
      logger,
      tracing,
      metrics,
      verifier: createTokenVerifier({ auth: config.auth, serviceName: name }),
      healthChecks,
      state,
      apiPlugins: [
        fp(async (api) => {
          await api.register(idempotencyPlugin, { db, metrics: metrics.idempotency });
        }),
      ],
      routes: definition.routes,
    });
    await app.ready();

    logger.info(
      {
        database: db.description,
        auth: config.auth.jwksUrl
          ? `jwks ${config.auth.jwksUrl}`
          : config.auth.usingBuiltInSecret
            ? 'dev secret (built-in)'
            : 'dev secret',
        events: config.natsUrl ? 'nats' : 'outbox only',
        otlp: config.otlpEndpoint ?? 'off',
      },
      'service ready',
    );
    const cleanup = startIdempotencyCleanup({ db, logger });
    cleanups.push(() => cleanup.stop());

    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        state.ready = false;
        // Keep serving while load balancers notice the failing readiness probe (SHUTDOWN_DELAY_MS).
        if (config.shutdownDelayMs > 0)
          await new Promise((resolve) => setTimeout(resolve, config.shutdownDelayMs));
        state.accepting = false;
        await app.close();
        // A handler whose client hung up keeps running after the server closed: let its transaction finish
        // before the pool goes away.
        await waitForIdlePool(db, config.shutdownTimeoutMs);
        for (const stop of cleanups.reverse())
          await stop().catch((err) => logger.error({ err }, 'stop failed'));
        if (ownsDatabase) await db.close();
        await tracing.shutdown().catch(() => undefined);
      })());
    return { app, db, config, metrics, tracing, logger, state, relay, close };
  } catch (error) {
    for (const stop of cleanups.reverse()) await stop().catch(() => undefined);
    if (ownsDatabase) await db.close().catch(() => undefined);
    await tracing.shutdown().catch(() => undefined);
    throw error;
  }
}

/** Resolves once no connection of the pool is in use and nobody waits for one, or after timeoutMs. */
async function waitForIdlePool(db: Database, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { total, idle, waiting } = db.stats();
    if ((total === idle && waiting === 0) || Date.now() >= deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
