/**
 * The fixed catalogs every service shares: the doc bundle, the runtime's own tables, the environment variables the
 * runtime reads, and the example aggregate's fields. Data, not logic.
 */
import { SERVICE_ENV } from '@shipshape/contracts';
import type { DocModel, EnvVarModel, FieldModel, Names, TableModel } from './types.js';

export const TODO_MARKER = 'TODO(owner):';
export { API_PREFIX } from '@shipshape/contracts';

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

/** The environment a service reads, from @shipshape/contracts (the runtime reads exactly these). */
export const ENV_VARS: readonly EnvVarModel[] = SERVICE_ENV;

/** Node 20 on Debian slim (glibc, for PGlite's and pg's native-free builds alike); pinned by digest in the Dockerfile. */
export const NODE_BASE_IMAGE = 'node:20-bookworm-slim';
/** The numeric user and group a service container runs as (non-root, no name needed in /etc/passwd). */
export const CONTAINER_UID = 10001;
/** The port a service container listens on. */
export const CONTAINER_PORT = 3000;
