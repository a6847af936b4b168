/** What each aggregate (resource) of a service contributes to the model: names, routes, error codes, events, table. */
import { an } from '../helpers.js';
import { names, pluralize, snakeCase } from '../names.js';
import { API_PREFIX } from '@shipshape/contracts';
import { defaultFields } from './catalogs.js';
import type {
  ErrorCodeModel,
  EventModel,
  FieldModel,
  IfMatchPolicy,
  ResourceModel,
  RouteModel,
  TableModel,
} from './types.js';
import type { StandardErrorCodeTable } from '../standard-codes.js';

export function buildResourceModel(
  singular: string,
  migration = 1,
  ifMatch: IfMatchPolicy = 'optional',
): ResourceModel {
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
    ifMatch,
  };
}

function problemType(org: string, service: string, short: string): string {
  return `urn:problem-type:${org}:${service}:${short.toLowerCase().replace(/_/g, '-')}`;
}

export function buildErrorCodes(
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

export function buildRoutes(org: string, service: string, resources: ResourceModel[]): RouteModel[] {
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
    // RFC 9110 §13.1.1: a stale or weak If-Match is 412; RFC 6585 §3: 428 only where it is required.
    const preconditions =
      r.ifMatch === 'required' ? ['PRECONDITION_FAILED', 'PRECONDITION_REQUIRED'] : ['PRECONDITION_FAILED'];
    routes.push(
      {
        method: 'POST',
        path: r.basePath,
        operationId: `create${C}`,
        summary: `Create ${an(r.names.name)}`,
        resource: r.singular,
        successStatus: 201,
        idempotent: true,
        etag: true,
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
        etag: false,
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
        etag: true,
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
        etag: true,
        ifMatch: r.ifMatch,
        errorCodes: full([...withBody, notFound, ...preconditions, ...common]),
      },
      {
        method: 'DELETE',
        path: item,
        operationId: `delete${C}`,
        summary: `Delete ${an(r.names.name)}`,
        resource: r.singular,
        successStatus: 204,
        idempotent: true,
        etag: false,
        ifMatch: r.ifMatch,
        errorCodes: full(['VALIDATION_FAILED', notFound, ...preconditions, ...common]),
      },
    );
  }
  return routes;
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function buildEvents(org: string, service: string, resources: ResourceModel[]): EventModel[] {
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

export function buildResourceTable(r: ResourceModel): TableModel {
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
