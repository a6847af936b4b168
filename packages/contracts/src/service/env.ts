/**
 * The environment variables a service on @shipshape/runtime reads, each with its embedded default
 * (DESIGN.md "A generated service"). The runtime's config loader reads exactly these (a runtime spec records
 * every name it reads and compares), LOCAL_DEV_SETUP.md and the docs site list them from here.
 */
export interface ServiceEnvVar {
  name: string;
  /** The default as a person reads it: a value, or what leaving it unset means in parentheses. */
  default: string;
  description: string;
}

export const SERVICE_ENV: readonly ServiceEnvVar[] = [
  { name: 'NODE_ENV', default: 'development', description: 'development, production or test.' },
  { name: 'PORT', default: '3000', description: 'TCP port the HTTP server listens on.' },
  { name: 'HOST', default: '127.0.0.1', description: 'Interface to bind (the Helm chart sets 0.0.0.0).' },
  {
    name: 'DATABASE_URL',
    default: '(unset: embedded PGlite in .data/)',
    description: 'PostgreSQL connection string; `memory://` gives an in-memory PGlite (tests, conformance).',
  },
  {
    name: 'NATS_URL',
    default: '(unset: outbox rows wait)',
    description: 'NATS JetStream server the outbox relay publishes CloudEvents to.',
  },
  {
    name: 'AUTH_JWKS_URL',
    default: '(unset)',
    description: 'JWKS endpoint used to verify bearer tokens in production.',
  },
  {
    name: 'AUTH_DEV_SECRET',
    default: '(built-in public dev secret)',
    description: 'HS256 secret for development tokens; refused when NODE_ENV=production.',
  },
  { name: 'AUTH_ISSUER', default: 'shipshape-dev', description: 'Expected `iss` of bearer tokens.' },
  { name: 'AUTH_AUDIENCE', default: '(the service name)', description: 'Expected `aud` of bearer tokens.' },
  { name: 'AUTH_TENANT_CLAIM', default: 'tenant_id', description: 'Token claim that carries the tenant id.' },
  {
    name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    default: '(unset: no export)',
    description: 'OTLP/HTTP endpoint spans are exported to.',
  },
  { name: 'LOG_LEVEL', default: 'info', description: 'pino log level.' },
  { name: 'RATE_LIMIT_MAX', default: '6000', description: 'Requests allowed per window and caller.' },
  { name: 'RATE_LIMIT_WINDOW_MS', default: '60000', description: 'Rate-limit window in milliseconds.' },
  { name: 'BODY_LIMIT_BYTES', default: '1048576', description: 'Largest accepted request body (413 above).' },
  {
    name: 'SHUTDOWN_TIMEOUT_MS',
    default: '10000',
    description: 'How long a graceful shutdown waits for in-flight requests.',
  },
  {
    name: 'SHUTDOWN_DELAY_MS',
    default: '0',
    description: 'Delay between SIGTERM and closing the listener, so endpoint removal can propagate.',
  },
  {
    name: 'READINESS_TIMEOUT_MS',
    default: '1000',
    description: 'Timeout of each dependency check of GET /health/ready.',
  },
];

export type ServiceEnvName = (typeof SERVICE_ENV)[number]['name'];
