/**
 * The ServiceModel: ONE normalized object from which every template tree of a service is rendered (by the Nx
 * generators and by the docs site). Everything the model knows is rendered, never retyped in a template.
 */
import { defaultAlerts, defaultSlos } from './ops.js';
import { loadStandardErrorCodes, type StandardErrorCodeTable } from './standard-codes.js';
import { an } from './helpers.js';
import { names, pluralize, snakeCase } from './names.js';

export type Tier = 't0' | 't1' | 't2';
export const TIERS: readonly Tier[] = ['t0', 't1', 't2'];

export interface Names {
  name: string;
  className: string;
  propertyName: string;
  constantName: string;
  fileName: string;
}

export interface FieldModel {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  required: boolean;
  description: string;
}

export interface ResourceModel {
  singular: string;
  plural: string;
  /** Names of the singular (`order` → `Order`, `order`, `ORDER`). */
  names: Names;
  pluralNames: Names;
  table: string;
  /** Path parameter of the item routes, e.g. `orderId`. */
  idParam: string;
  /** e.g. `/api/v1/orders`. */
  basePath: string;
  /** The client-writable fields (id, tenant, version and timestamps are added by the templates). */
  fields: FieldModel[];
  /** Number of the migration that creates the table (`1` → `migrations/0001_orders.sql`). */
  migration: number;
}

export interface RouteModel {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** OpenAPI style, e.g. `/api/v1/orders/{orderId}`. */
  path: string;
  operationId: string;
  summary: string;
  /** The resource's singular. */
  resource: string;
  successStatus: number;
  idempotent: boolean;
  /** Full registered codes (`ACME.ORDERS.ORDER_NOT_FOUND`) this operation can answer with. */
  errorCodes: string[];
}

export interface ErrorCodeModel {
  /** e.g. `ACME.ORDERS.ORDER_NOT_FOUND`. */
  code: string;
  /** e.g. `ORDER_NOT_FOUND` — what code passes to `problem()`. */
  short: string;
  status: number;
  title: string;
  /** Problem type URI. */
  type: string;
  description: string;
  resource?: string;
  /** True for the runtime's own codes (`standardErrorCodes`). */
  standard: boolean;
}

export interface EventModel {
  /** e.g. `acme.orders.order.created.v1`. */
  type: string;
  /** Same as type. */
  channel: string;
  entity: string;
  verb: string;
  version: number;
  summary: string;
  resource: string;
}

export interface ColumnModel {
  name: string;
  type: string;
  nullable: boolean;
  description: string;
}

export interface TableModel {
  name: string;
  tenantScoped: boolean;
  rls: boolean;
  source: 'service' | 'runtime';
  columns: ColumnModel[];
  indexes: { name: string; columns: string[]; unique: boolean }[];
  description: string;
}

export interface AlertModel {
  /** e.g. `OrdersHighErrorRate`. */
  name: string;
  /** e.g. `orders-high-error-rate`. */
  slug: string;
  severity: 'page' | 'ticket';
  expr: string;
  for: string;
  summary: string;
  description: string;
  /** e.g. `runbooks/orders-high-error-rate.md`. */
  runbook: string;
  runbookUrl: string;
  slo?: string;
}

export interface SloModel {
  id: string;
  name: string;
  objective: number;
  window: string;
  sli: string;
  thresholdMs?: number;
  description: string;
}

export interface EnvVarModel {
  name: string;
  default: string;
  description: string;
}

export interface DocModel {
  /** e.g. `API_CONTRACT`. */
  id: string;
  /** e.g. `docs/API_CONTRACT.md`. */
  file: string;
  title: string;
}

export interface ServiceModel {
  name: string;
  names: Names;
  org: string;
  orgUpper: string;
  tier: Tier;
  owner: string;
  version: string;
  description: string;
  /** Workspace-relative, e.g. `services/orders`. */
  directory: string;
  generatorVersion: string;
  resources: ResourceModel[];
  routes: RouteModel[];
  errorCodes: ErrorCodeModel[];
  events: EventModel[];
  tables: TableModel[];
  alerts: AlertModel[];
  slos: SloModel[];
  env: EnvVarModel[];
  probes: { live: '/health/live'; ready: '/health/ready'; health: '/health'; metrics: '/metrics' };
  /** The 17-doc bundle. */
  docs: DocModel[];
  /** The marker of what only a person can write: exactly `TODO(owner):`. */
  todo: string;
}

export interface ServiceModelOptions {
  name: string;
  org: string;
  tier: Tier;
  owner: string;
  /** The first (example) aggregate, singular. */
  resource: string;
  directory: string;
  /** Further aggregates (singular), added by the `resource` generator, in the order they were added. */
  resources?: string[];
  /** Defaults to the @shipshape/templates version. */
  generatorVersion?: string;
  /** Defaults to a sentence naming the aggregates. */
  description?: string;
  /** Migration number of each resource's table (default: after the highest given, in resource order). */
  migrations?: Record<string, number>;
  /** Defaults to `standardErrorCodes` of @shipshape/contracts. */
  standardErrorCodes?: StandardErrorCodeTable;
}

export const TODO_MARKER = 'TODO(owner):';
export { API_PREFIX } from '@shipshape/contracts';
import { API_PREFIX, SERVICE_ENV } from '@shipshape/contracts';

export const DOCS: readonly { id: string; title: string }[] = [
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

export function buildResourceModel(singular: string, migration = 1): ResourceModel {
  const n = names(singular);
  const plural = pluralize(n.fileName);
  const pn = names(plural);
  return {
    singular: n.fileName,
    plural: pn.fileName,
    names: n,
    pluralNames: pn,
    table: snakeCase(pn.fileName),
    idParam: `${n.propertyName}Id`,
    basePath: `${API_PREFIX}/${pn.fileName}`,
    fields: defaultFields(n),
    migration,
  };
}

function problemType(org: string, service: string, short: string): string {
  return `urn:problem-type:${org}:${service}:${short.toLowerCase().replace(/_/g, '-')}`;
}

function buildErrorCodes(
  org: string,
  service: string,
  resources: ResourceModel[],
  standard: StandardErrorCodeTable,
): ErrorCodeModel[] {
  const prefix = `${names(org).constantName}.${names(service).constantName}`;
  const codes: ErrorCodeModel[] = Object.entries(standard).map(([short, c]) => ({
    code: `${prefix}.${short}`,
    short,
    status: c.status,
    title: c.title,
    type: problemType(org, service, short),
    description: c.description,
    standard: true,
  }));
  for (const r of resources) {
    const short = `${r.names.constantName}_NOT_FOUND`;
    codes.push({
      code: `${prefix}.${short}`,
      short,
      status: 404,
      title: `${r.names.className} not found`,
      type: problemType(org, service, short),
      description: `No ${r.names.name.replace(/-/g, ' ')} with this id exists for the caller's tenant (another tenant's ${r.names.name.replace(/-/g, ' ')} answers the same).`,
      resource: r.singular,
      standard: false,
    });
  }
  return codes;
}

function buildRoutes(org: string, service: string, resources: ResourceModel[]): RouteModel[] {
  const p = `${names(org).constantName}.${names(service).constantName}.`;
  const common = [
    'UNAUTHENTICATED',
    'FORBIDDEN',
    'NOT_ACCEPTABLE',
    'RATE_LIMITED',
    'INTERNAL',
    'SERVICE_UNAVAILABLE',
  ];
  const withBody = ['MALFORMED_JSON', 'VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'];
  const full = (xs: string[]) => xs.map((x) => p + x);
  const routes: RouteModel[] = [];
  for (const r of resources) {
    const C = r.names.className;
    const Cs = r.pluralNames.className;
    const item = `${r.basePath}/{${r.idParam}}`;
    const notFound = `${r.names.constantName}_NOT_FOUND`;
    routes.push(
      {
        method: 'POST',
        path: r.basePath,
        operationId: `create${C}`,
        summary: `Create ${an(r.names.name)}`,
        resource: r.singular,
        successStatus: 201,
        idempotent: true,
        errorCodes: full([
          ...withBody,
          'IDEMPOTENCY_KEY_MISSING',
          'IDEMPOTENCY_KEY_INVALID',
          'IDEMPOTENCY_KEY_IN_FLIGHT',
          'IDEMPOTENCY_KEY_MISMATCH',
          ...common,
        ]),
      },
      {
        method: 'GET',
        path: r.basePath,
        operationId: `list${Cs}`,
        summary: `List ${r.pluralNames.name.replace(/-/g, ' ')}`,
        resource: r.singular,
        successStatus: 200,
        idempotent: true,
        errorCodes: full(['VALIDATION_FAILED', 'INVALID_CURSOR', ...common]),
      },
      {
        method: 'GET',
        path: item,
        operationId: `get${C}`,
        summary: `Get ${an(r.names.name)}`,
        resource: r.singular,
        successStatus: 200,
        idempotent: true,
        errorCodes: full(['VALIDATION_FAILED', notFound, ...common]),
      },
      {
        method: 'PATCH',
        path: item,
        operationId: `update${C}`,
        summary: `Update ${an(r.names.name)} (JSON merge patch)`,
        resource: r.singular,
        successStatus: 200,
        idempotent: false,
        errorCodes: full([...withBody, notFound, ...common]),
      },
      {
        method: 'DELETE',
        path: item,
        operationId: `delete${C}`,
        summary: `Delete ${an(r.names.name)}`,
        resource: r.singular,
        successStatus: 204,
        idempotent: true,
        errorCodes: full(['VALIDATION_FAILED', notFound, ...common]),
      },
    );
  }
  return routes;
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function buildEvents(org: string, service: string, resources: ResourceModel[]): EventModel[] {
  const events: EventModel[] = [];
  for (const r of resources) {
    for (const verb of ['created', 'updated', 'deleted'] as const) {
      const type = `${org}.${service}.${r.singular}.${verb}.v1`;
      events.push({
        type,
        channel: type,
        entity: r.singular,
        verb,
        version: 1,
        summary: `${cap(an(r.names.name))} was ${verb}.`,
        resource: r.singular,
      });
    }
  }
  return events;
}

const SQL_TYPES: Record<FieldModel['type'], string> = {
  string: 'text',
  integer: 'integer',
  number: 'double precision',
  boolean: 'boolean',
};

function buildResourceTable(r: ResourceModel): TableModel {
  return {
    name: r.table,
    tenantScoped: true,
    rls: true,
    source: 'service',
    description: `The ${r.names.name.replace(/-/g, ' ')} aggregate, one row per ${r.names.name.replace(/-/g, ' ')}.`,
    columns: [
      {
        name: 'id',
        type: 'uuid',
        nullable: false,
        description: 'Identifier (primary key, server-generated).',
      },
      { name: 'tenant_id', type: 'text', nullable: false, description: 'Owning tenant; RLS filters on it.' },
      ...r.fields.map((f) => ({
        name: snakeCase(f.name),
        type: SQL_TYPES[f.type],
        nullable: !f.required,
        description: f.description,
      })),
      {
        name: 'version',
        type: 'integer',
        nullable: false,
        description: 'Optimistic-concurrency version, incremented by every update.',
      },
      { name: 'created_at', type: 'timestamptz', nullable: false, description: 'When the row was created.' },
      { name: 'updated_at', type: 'timestamptz', nullable: false, description: 'When the row last changed.' },
    ],
    indexes: [
      { name: `${r.table}_pkey`, columns: ['id'], unique: true },
      { name: `${r.table}_tenant_page_idx`, columns: ['tenant_id', 'created_at', 'id'], unique: false },
    ],
  };
}

/** The runtime's own tables (its migrations ship inside @shipshape/runtime); listed for the data docs. */
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

const DNS_LABEL = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** A DNS label (RFC 1123, starting with a letter): what service, org and resource names must be. */
export function isDnsLabel(value: string): boolean {
  return DNS_LABEL.test(value) && !value.includes('--');
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const templatesVersion: string = (require('../package.json') as { version: string }).version;

export function buildServiceModel(options: ServiceModelOptions): ServiceModel {
  const { name, org, tier, owner, directory } = options;
  const serviceNames = names(name);
  const singulars = [options.resource, ...(options.resources ?? [])].filter(
    (r, i, all) => all.indexOf(r) === i,
  );
  // Forward-only: an aggregate without a number gets the one after the highest given.
  let next = Math.max(0, ...singulars.map((r) => options.migrations?.[r] ?? 0)) + 1;
  const resources = singulars.map((r) => buildResourceModel(r, options.migrations?.[r] ?? next++));
  const standard = options.standardErrorCodes ?? loadStandardErrorCodes();
  const labels = resources.map((r) => r.names.name.replace(/-/g, ' '));
  const aggregates =
    labels.length === 1
      ? `the ${labels[0]} aggregate`
      : `the ${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]} aggregates`;
  const base = {
    name: serviceNames.fileName,
    names: serviceNames,
    org,
    orgUpper: names(org).constantName,
    tier,
    owner,
    version: '0.1.0',
    description:
      options.description ??
      `The ${serviceNames.fileName} service owns ${aggregates}: tenant-scoped create, list, read, update and delete, with a domain event for every change.`,
    directory,
    generatorVersion: options.generatorVersion ?? templatesVersion,
    resources,
    routes: buildRoutes(org, serviceNames.fileName, resources),
    errorCodes: buildErrorCodes(org, serviceNames.fileName, resources, standard),
    events: buildEvents(org, serviceNames.fileName, resources),
    tables: [...resources.map(buildResourceTable), ...RUNTIME_TABLES.map((t) => ({ ...t }))],
    alerts: [] as AlertModel[],
    slos: defaultSlos(tier),
    env: ENV_VARS.map((e) => ({ ...e })),
    probes: { live: '/health/live', ready: '/health/ready', health: '/health', metrics: '/metrics' } as const,
    docs: DOCS.map((d) => ({ id: d.id, file: `docs/${d.id}.md`, title: d.title })),
    todo: TODO_MARKER,
  } satisfies ServiceModel;
  base.alerts = defaultAlerts(base);
  return base;
}
