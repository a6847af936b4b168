/** The shapes of the ServiceModel: ONE normalized object every template tree of a service is rendered from. */
import type { StandardErrorCodeTable } from '../standard-codes.js';

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
  /**
   * `If-Match` on its PATCH and DELETE: `optional` (default: without it the write applies to the current version)
   * or `required` (428 without it). A stale or weak tag is 412 either way.
   */
  ifMatch: IfMatchPolicy;
}

/** Whether a resource's PATCH and DELETE require `If-Match` (optimistic concurrency on `version`). */
export type IfMatchPolicy = 'optional' | 'required';
export const IF_MATCH_POLICIES: readonly IfMatchPolicy[] = ['optional', 'required'];

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
  /** The success response carries the resource's strong `ETag` (create, read, update). */
  etag: boolean;
  /** PATCH and DELETE of an item: its `If-Match` header parameter. */
  ifMatch?: IfMatchPolicy;
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
  /** A multi-window burn-rate rule: the burn factor and its long and short windows (an OpenSLO AlertCondition). */
  burnRate?: { factor: number; long: string; short: string };
}

export interface SloModel {
  id: string;
  name: string;
  objective: number;
  /** 1 - objective, rounded to hide float noise (0.999 → 0.001). */
  errorBudget: number;
  window: string;
  /** The PromQL ratio of good events, scoped to the service (in a model; prose before one exists). */
  sli: string;
  /** The OpenSLO ratio SLI: the counter of good events and of all events (PromQL; empty before a service exists). */
  good: string;
  total: string;
  thresholdMs?: number;
  description: string;
}

/** Replicas, autoscaling, disruption budget, resources and recovery objectives of a tier (ops/data/deploy.yaml). */
export interface DeployDefaults {
  replicas: number;
  minReplicas: number;
  maxReplicas: number;
  targetCPUUtilizationPercentage: number;
  pdbMinAvailable: number;
  /** k6 runner pods of the distributed load test (load/<name>.testrun.yaml). */
  loadParallelism: number;
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
  rto: string;
  rpo: string;
  backups: string;
  restoreTest: string;
  drill: string;
}

/** What the k6 script and the autocannon runner enforce, from the SLOs. */
export interface LoadThresholds {
  p95Ms: number;
  p99Ms: number;
  maxErrorRate: number;
}

/** Every fact that follows from the tier (and the SLOs), computed once by buildServiceModel; templates read it. */
export interface TierFacts {
  deploy: DeployDefaults;
  /** Escalation delay of a page, e.g. `15 minutes`. */
  escalateAfter: string;
  /** The readiness level the tier must reach before production traffic, e.g. `L4`. */
  targetLevel: string;
  loadThresholds: LoadThresholds;
  /** uid of the service's Grafana dashboard (runbooks link it). */
  dashboardUid: string;
}

/** The container image of the service: what the Dockerfile builds, the image target tags and the chart deploys. */
export interface ImageModel {
  /** e.g. `acme/orders` (values.yaml `image.repository`). */
  repository: string;
  /** The default tag: the service version (the chart's appVersion). */
  tag: string;
  /** Base image, tag only; the Dockerfile pins it by digest. */
  base: string;
  /** Numeric non-root user and group the container runs as (the chart's runAsUser/runAsGroup). */
  uid: number;
  /** Port the container listens on. */
  port: number;
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
  /** What follows from the tier: deploy defaults, escalation, readiness target, load thresholds. */
  ops: TierFacts;
  env: EnvVarModel[];
  image: ImageModel;
  probes: { live: '/health/live'; ready: '/health/ready'; health: '/health'; metrics: '/metrics' };
  /** The 17-doc bundle. */
  docs: DocModel[];
  /** The marker of what only a person can write: exactly `TODO(owner):`. */
  todo: string;
}

/** Objectives read back from a service's ops/slos.yaml, by SLO id: they win over the tier's defaults. */
export type SloOverrides = Record<string, { objective?: number; window?: string; thresholdMs?: number }>;

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
  /** If-Match policy of each resource's PATCH and DELETE (default `optional`). */
  ifMatch?: Record<string, IfMatchPolicy>;
  /** Objectives kept from the service's own ops/slos.yaml (the tier's defaults for the rest). */
  slos?: SloOverrides;
  /** Defaults to `standardErrorCodes` of @shipshape/contracts. */
  standardErrorCodes?: StandardErrorCodeTable;
}
