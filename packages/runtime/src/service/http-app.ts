import cors, { type FastifyCorsOptions } from '@fastify/cors';
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import authPlugin, { type TokenVerifier } from '../auth/auth.js';
import type { RuntimeConfig } from '../config/config.js';
import problemPlugin, { classifyError, sendProblem } from '../errors/handler.js';
import { problem } from '../errors/problem.js';
import type { ErrorRegistry } from '../errors/registry.js';
import healthPlugin, { type HealthCheck, type HealthState } from '../health/health.js';
import { OneLinePerRequest } from '../logging/logger.js';
import metricsPlugin, { type RuntimeMetrics } from '../metrics/metrics.js';
import rateLimitPlugin from '../rate-limit/rate-limit.js';
import { formatTraceparent, newSpanId } from '../tracing/trace-context.js';
import tracingPlugin, { traceIdRequestId, type Tracing } from '../tracing/tracing.js';
import headersPlugin from './headers.js';
import { registerJsonBodyParser } from './json-body.js';
import { createValidatorCompiler } from './validators.js';

/** Prefix of every business route. */
export { API_PREFIX } from '@shipshape/contracts';
import { API_PREFIX } from '@shipshape/contracts';

export interface HttpAppOptions {
  serviceName: string;
  serviceVersion: string;
  config: RuntimeConfig;
  registry: ErrorRegistry;
  logger: Logger;
  tracing: Tracing;
  metrics: RuntimeMetrics;
  verifier: TokenVerifier;
  healthChecks: HealthCheck[];
  state: HealthState;
  /** Registered inside the /api/v1 scope after auth and before the routes (use fastify-plugin to share hooks). */
  apiPlugins?: FastifyPluginAsync[];
  /** The business routes; `api` is the authenticated /api/v1 scope. */
  routes: (api: FastifyInstance) => Promise<void> | void;
}

/**
 * Cross-origin access (@fastify/cors): only the CORS_ORIGINS origins, none by default. Bearer tokens, not
 * cookies, so no credentials; the request headers the API takes and the response headers it documents.
 */
function corsOptions(origins: string[]): FastifyCorsOptions {
  return {
    origin: origins.length > 0 ? origins : false,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: [
      'authorization',
      'content-type',
      'idempotency-key',
      'if-match',
      'traceparent',
      'tracestate',
    ],
    exposedHeaders: [
      'location',
      'etag',
      'retry-after',
      'ratelimit',
      'ratelimit-policy',
      'idempotent-replayed',
      'traceresponse',
      'deprecation',
      'sunset',
      'link',
    ],
    credentials: false,
    maxAge: 600,
    strictPreflight: true,
  };
}

/**
 * The HTTP side of a service, without the database: Fastify with problem+json for every error, W3C trace
 * context, RED metrics, security and deprecation headers, rate limiting, health probes, and the
 * authenticated /api/v1 scope. createService adds the data side (withTenant, idempotency, outbox).
 */
export async function createHttpApp(options: HttpAppOptions): Promise<FastifyInstance> {
  const { config, registry, state } = options;
  const app = Fastify({
    loggerInstance: options.logger,
    genReqId: traceIdRequestId,
    logController: new OneLinePerRequest(),
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy as boolean | string,
    requestTimeout: config.requestTimeoutMs,
    return503OnClosing: false,
    // Errors raised before routing (a malformed URL) never reach setErrorHandler.
    frameworkErrors: (error, request, reply) => {
      const c = classifyError(error);
      if (c.internal) request.log.error({ err: error }, 'request failed before routing');
      else request.log.info({ code: c.code }, 'request rejected before routing');
      reply.header('traceresponse', formatTraceparent(request.id, newSpanId(), 1));
      void sendProblem(request, reply, registry, c.code, c);
    },
  }) as unknown as FastifyInstance;

  app.setValidatorCompiler(createValidatorCompiler());

  // JSON only: text/plain bodies answer 415 like any other unsupported type; +json types parse as JSON.
  app.removeContentTypeParser('text/plain');
  registerJsonBodyParser(app);

  await app.register(problemPlugin, { registry });
  await app.register(tracingPlugin, { tracing: options.tracing });
  // Hooks on every request are callback-style: cheaper than async ones on the hot path.
  app.addHook('onRequest', (request, reply, done) => {
    if (!state.accepting && !request.url.startsWith('/health')) {
      reply.header('connection', 'close');
      done(problem('SERVICE_UNAVAILABLE', { detail: 'The service is shutting down' }));
      return;
    }
    done();
  });
  // Responses finished while draining close their keep-alive connection, so close() does not wait for
  // clients to hang up.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (!state.accepting) reply.header('connection', 'close');
    done(null, payload);
  });
  await app.register(cors, corsOptions(config.corsOrigins));
  await app.register(metricsPlugin, { metrics: options.metrics });
  await app.register(headersPlugin);
  await app.register(rateLimitPlugin, {
    max: config.rateLimit.max,
    addressMax: config.rateLimit.addressMax,
    windowMs: config.rateLimit.windowMs,
  });
  await app.register(healthPlugin, {
    checks: options.healthChecks,
    registry,
    serviceName: options.serviceName,
    version: options.serviceVersion,
    state,
    timeoutMs: config.readinessTimeoutMs,
  });

  await app.register(
    async (api) => {
      await api.register(authPlugin, { verifier: options.verifier, realm: options.serviceName });
      for (const plugin of options.apiPlugins ?? []) await api.register(plugin);
      await options.routes(api);
    },
    { prefix: API_PREFIX },
  );
  return app;
}
