/**
 * The fixed catalogs every service shares: the doc bundle, the runtime's own tables, the environment variables the
 * runtime reads, and the example aggregate's fields. Data, not logic.
 */
import type { DocModel, EnvVarModel, FieldModel, Names, TableModel } from './types.js';

export const TODO_MARKER = 'TODO(owner):';
export const API_PREFIX = '/api/v1';

export const DOCS: readonly Pick<DocModel, 'id' | 'title'>[] = [
  { id: 'SERVICE_OVERVIEW', title: 'Service overview' },
  { id: 'DOMAIN_MODEL', title: 'Domain model' },
  { id: 'API_CONTRACT', title: 'API contract' },
  { id: 'EVENT_CATALOG', title: 'Event catalog' },
  { id: 'DATA_MODEL', title: 'Data model' },
  { id: 'ERROR_CODES', title: 'Error codes' },
  { id: 'SECURITY_MODEL', title: 'Security model' },
  { id: 'THREAT_MODEL', title: 'Threat model' },
  { id: 'SYNC_CONTRACT', title: 'Sync contract' },
  { id: 'AI_INTEGRATION', title: 'AI integration' },
  { id: 'OBSERVABILITY', title: 'Observability' },
  { id: 'TESTING_STRATEGY', title: 'Testing strategy' },
  { id: 'MIGRATION_PLAN', title: 'Migration plan' },
  { id: 'DEPLOYMENT_TOPOLOGY', title: 'Deployment topology' },
  { id: 'LOCAL_DEV_SETUP', title: 'Local development setup' },
  { id: 'DISASTER_RECOVERY', title: 'Disaster recovery' },
  { id: 'SERVICE_READINESS', title: 'Service readiness' },
];

/** The example aggregate's client-writable fields (same shape for every resource a generator adds). */
export function defaultFields(resource: Names): FieldModel[] {
  return [
    {
      name: 'name',
      type: 'string',
      maxLength: 200,
      required: true,
      description: `Display name of the ${resource.name.replace(/-/g, ' ')}.`,
    },
    {
      name: 'description',
      type: 'string',
      maxLength: 2000,
      required: false,
      description: 'Free-text description.',
    },
    {
      name: 'quantity',
      type: 'integer',
      minimum: 0,
      maximum: 1_000_000,
      required: false,
      description: 'A non-negative count.',
    },
  ];
}

export const RUNTIME_TABLES: readonly TableModel[] = [
  {
    name: 'shipshape_idempotency_keys',
    tenantScoped: true,
    rls: true,
    source: 'runtime',
    description: 'Idempotency keys of POST requests with the stored first response (kept 24 h).',
    columns: [],
    indexes: [],
  },
  {
    name: 'shipshape_outbox',
    tenantScoped: true,
    rls: true,
    source: 'runtime',
    description: 'Domain events written in the same transaction as the domain row; the relay publishes them.',
    columns: [],
    indexes: [],
  },
  {
    name: 'shipshape_inbox',
    tenantScoped: true,
    rls: true,
    source: 'runtime',
    description: 'Ids of consumed events, so consumers process each event once.',
    columns: [],
    indexes: [],
  },
  {
    name: 'shipshape_audit_log',
    tenantScoped: true,
    rls: true,
    source: 'runtime',
    description: 'Append-only audit rows: who, what, when, before and after, per tenant.',
    columns: [],
    indexes: [],
  },
];

export const ENV_VARS: readonly EnvVarModel[] = [
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
  {
    name: 'RATE_LIMIT_MAX',
    default: '(runtime default)',
    description: 'Requests allowed per window and caller.',
  },
  {
    name: 'RATE_LIMIT_WINDOW_MS',
    default: '(runtime default)',
    description: 'Rate-limit window in milliseconds.',
  },
];

/** Node 20 on Debian slim (glibc, for PGlite's and pg's native-free builds alike); pinned by digest in the Dockerfile. */
export const NODE_BASE_IMAGE = 'node:20-bookworm-slim';
/** The numeric user and group a service container runs as (non-root, no name needed in /etc/passwd). */
export const CONTAINER_UID = 10001;
/** The port a service container listens on. */
export const CONTAINER_PORT = 3000;
