import { Writable } from 'node:stream';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { createTokenVerifier } from '../auth/auth.js';
import { loadConfig, type RuntimeConfig } from '../config/config.js';
import { ErrorRegistry } from '../errors/registry.js';
import type { HealthCheck, HealthState } from '../health/health.js';
import { createLogger } from '../logging/logger.js';
import { createMetrics, type RuntimeMetrics } from '../metrics/metrics.js';
import { createTracing, type Tracing } from '../tracing/tracing.js';
import { createHttpApp } from './http-app.js';

export interface TestHttpApp {
  app: FastifyInstance;
  config: RuntimeConfig;
  metrics: RuntimeMetrics;
  tracing: Tracing;
  state: HealthState;
  /** Parsed JSON log lines written so far. */
  logs: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/** A fresh HTTP core (no database) for app.inject() tests. */
export async function testHttpApp(
  options: {
    env?: Record<string, string>;
    routes?: (api: FastifyInstance) => Promise<void> | void;
    rootRoutes?: (app: FastifyInstance) => void;
    healthChecks?: HealthCheck[];
    apiPlugins?: FastifyPluginAsync[];
    tracing?: Tracing;
  } = {},
): Promise<TestHttpApp> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', ...options.env });
  const logs: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line));
      cb();
    },
  });
  const metrics = createMetrics({ serviceName: 'orders', defaultMetrics: false });
  const tracing = options.tracing ?? createTracing({ serviceName: 'orders', serviceVersion: '0.1.0' });
  const state = { ready: true, accepting: true };
  const app = await createHttpApp({
    serviceName: 'orders',
    serviceVersion: '0.1.0',
    config,
    registry: ErrorRegistry.standard('acme', 'orders'),
    logger: createLogger({
      level: config.logLevel,
      serviceName: 'orders',
      serviceVersion: '0.1.0',
      destination,
    }),
    tracing,
    metrics,
    verifier: createTokenVerifier({ auth: config.auth, serviceName: 'orders' }),
    healthChecks: options.healthChecks ?? [],
    state,
    apiPlugins: options.apiPlugins,
    routes:
      options.routes ??
      ((api) => {
        api.get('/orders/:id', async (request) => ({
          id: (request.params as { id: string }).id,
          tenant: request.tenant.id,
        }));
      }),
  });
  options.rootRoutes?.(app);
  await app.ready();
  return {
    app,
    config,
    metrics,
    tracing,
    state,
    logs,
    close: async () => {
      await app.close();
      await tracing.shutdown();
    },
  };
}
