// Public API of @shipshape/runtime. README.md documents every export listed here.

// configuration
export { loadConfig, ConfigError, DEV_AUTH_SECRET } from './config/config.js';
export type { RuntimeConfig, AuthConfig, LogLevel, NodeEnv } from './config/config.js';

// errors
export { problem, ProblemError, isProblemError } from './errors/problem.js';
export type { ProblemOptions } from './errors/problem.js';
export { standardErrorCodes } from './errors/standard-codes.js';
export type { StandardErrorCode, StandardErrorCodeName } from './errors/standard-codes.js';
export {
  ErrorRegistry,
  ErrorRegistryError,
  loadErrorRegistry,
  standardRegistryEntries,
  codePrefix,
  defaultProblemType,
} from './errors/registry.js';
export type { ErrorRegistryEntry, ErrorRegistryDocument } from './errors/registry.js';
export {
  default as problemPlugin,
  sendProblem,
  classifyError,
  PROBLEM_CONTENT_TYPE,
} from './errors/handler.js';
export type { ProblemBody, FieldError, ProblemPluginOptions } from './errors/handler.js';

// auth
export { default as authPlugin, createTokenVerifier, mintDevToken, AuthError } from './auth/auth.js';
export type { TenantContext, TokenVerifier, MintDevTokenOptions, AuthPluginOptions } from './auth/auth.js';

// tracing
export {
  default as tracingPlugin,
  createTracing,
  currentTraceparent,
  requestTraceparent,
  traceIdRequestId,
} from './tracing/tracing.js';
export type { Tracing, TracingOptions } from './tracing/tracing.js';
export { parseTraceparentHeader, formatTraceparent } from './tracing/trace-context.js';
export type { TraceParent } from './tracing/trace-context.js';

// health, metrics, logging, rate limiting
export { default as healthPlugin, runChecks } from './health/health.js';
export type { HealthCheck, CheckResult, HealthState } from './health/health.js';
export { default as metricsPlugin, createMetrics, UNMATCHED_ROUTE } from './metrics/metrics.js';
export type { RuntimeMetrics, IdempotencyMetrics } from './metrics/metrics.js';
export { createLogger, REDACT_PATHS } from './logging/logger.js';
export { default as rateLimitPlugin } from './rate-limit/rate-limit.js';

// service assembly
export { createService } from './service/service.js';
export { startService } from './service/start.js';
export type { ServiceDefinition, ServiceApp, CreateServiceOptions } from './service/service.js';
export type { StartServiceOptions } from './service/start.js';
export { createHttpApp, API_PREFIX } from './service/http-app.js';
export type { HttpAppOptions } from './service/http-app.js';
export { default as headersPlugin, deprecationHeaders } from './service/headers.js';
export type { DeprecationConfig } from './service/headers.js';
export { encodeCursor, decodeCursor } from './pagination/cursor.js';

// optimistic concurrency: ETag from the resource version, If-Match checked inside the write
export * from './concurrency/index.js';

// data side: database, tenant transactions, migrations, idempotency, outbox relay
export * from './data/index.js';
export * from './migrations/index.js';
export * from './idempotency/index.js';
export * from './outbox/index.js';
