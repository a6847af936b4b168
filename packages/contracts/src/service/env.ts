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
  {
    name: 'NODE_ENV',
    default: 'production',
    description:
      'development, production or test; the embedded defaults (dev secret, PGlite, plain-http JWKS) apply only in development and test.',
  },
  { name: 'PORT', default: '3000', description: 'TCP port the HTTP server listens on.' },
  { name: 'HOST', default: '127.0.0.1', description: 'Interface to bind (the Helm chart sets 0.0.0.0).' },
  {
    name: 'DATABASE_URL',
    default: '(development: embedded PGlite in .data/; production: required)',
    description:
      'PostgreSQL connection string of the NOINHERIT request role; `memory://` gives an in-memory PGlite (tests, conformance). A superuser, BYPASSRLS or CREATEROLE login is refused in production.',
  },
  {
    name: 'DATABASE_MIGRATION_URL',
    default: '(unset: migrations run on DATABASE_URL)',
    description:
      'Connection string of the owner role: migrations and the outbox relay / cleanup jobs run as it.',
  },
  { name: 'DATABASE_POOL_MAX', default: '10', description: 'PostgreSQL connections per replica.' },
  {
    name: 'DATABASE_STATEMENT_TIMEOUT_MS',
    default: '5000',
    description: 'statement_timeout of request connections; a statement over it answers 503.',
  },
  {
    name: 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS',
    default: '10000',
    description: 'idle_in_transaction_session_timeout of request connections.',
  },
  {
    name: 'NATS_URL',
    default: '(unset: outbox rows wait)',
    description: 'NATS JetStream server the outbox relay publishes CloudEvents to.',
  },
  {
    name: 'AUTH_JWKS_URL',
    default: '(unset)',
    description: 'JWKS endpoint used to verify bearer tokens; must be https outside development.',
  },
  {
    name: 'AUTH_DEV_SECRET',
    default: '(development: built-in public dev secret)',
    description: 'HS256 secret for development tokens; the built-in one is refused outside development.',
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
  { name: 'RATE_LIMIT_MAX', default: '6000', description: 'Requests allowed per window and tenant.' },
  { name: 'RATE_LIMIT_WINDOW_MS', default: '60000', description: 'Rate-limit window in milliseconds.' },
  {
    name: 'RATE_LIMIT_ADDRESS_MAX',
    default: '6000',
    description: 'Requests allowed per window and client address, counted before authentication.',
  },
  {
    name: 'TRUST_PROXY',
    default: 'false',
    description:
      'true, a hop count, or proxy addresses/CIDRs whose X-Forwarded-For gives the client address.',
  },
  {
    name: 'CORS_ORIGINS',
    default: '(unset: no cross-origin access)',
    description: 'Comma-separated browser origins allowed to call the API.',
  },
  {
    name: 'REQUEST_TIMEOUT_MS',
    default: '30000',
    description: 'Time to receive a whole request; 0 disables.',
  },
  { name: 'BODY_LIMIT_BYTES', default: '1048576', description: 'Largest accepted request body (413 above).' },
  {
    name: 'SHUTDOWN_TIMEOUT_MS',
    default: '10000',
    description: 'How long a graceful shutdown waits for in-flight requests.',
  },
  {
    name: 'SHUTDOWN_DELAY_MS',
    default: '5000 (development: 0)',
    description: 'Delay between SIGTERM and closing the listener, so endpoint removal can propagate.',
  },
  {
    name: 'READINESS_TIMEOUT_MS',
    default: '1000',
    description: 'Timeout of each dependency check of GET /health/ready.',
  },
  {
    name: 'OUTBOX_MAX_EVENT_BYTES',
    default: '1000000',
    description: 'A larger serialised event is dead-lettered before any publish.',
  },
  {
    name: 'OUTBOX_MAX_ATTEMPTS',
    default: '10',
    description: 'Publish attempts of one refused event before it is dead-lettered.',
  },
  {
    name: 'OUTBOX_STREAM_MAX_AGE_MS',
    default: '604800000',
    description: 'Max age of the JetStream stream the relay creates.',
  },
  {
    name: 'OUTBOX_STREAM_MAX_BYTES',
    default: '1073741824',
    description: 'Max bytes of the JetStream stream the relay creates.',
  },
  {
    name: 'OUTBOX_STREAM_REPLICAS',
    default: '1',
    description: 'Replicas of the JetStream stream the relay creates.',
  },
];

export type ServiceEnvName = (typeof SERVICE_ENV)[number]['name'];
