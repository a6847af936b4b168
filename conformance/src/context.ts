import type { ResolvedConfig } from './config.js';
import type { Exchange, HttpClient, SendOptions, Tenant } from './http.js';
import { atPointer, idOf, idSource, type IdSource } from './ids.js';
import { describe, skipNow } from './registry.js';
import { sampleInvalid, sampleValid, type InvalidBody } from './sample.js';
import { createStimuli, type Stimuli } from './stimuli/index.js';
import { fillPath, jsonMedia, type ApiModel, type Operation, type Resource } from './spec.js';
import type { SchemaValidator } from './validate.js';

export interface Created {
  id: string;
  owner: Tenant;
  exchange: Exchange;
  body: unknown;
  /** A string that appears only in this resource's payload (the run id + variant). */
  marker: string;
  deleted: boolean;
  /** Item URL when it is not `itemPath(id)` (a nested resource's path carries its parent). */
  url?: string;
  /** The resource this one was created under (deleted after it). */
  parent?: Created;
}

/**
 * What the run offers every part of it: the spec model, the config, the tenants and the helpers
 * that send and create. The stimuli are built from it; checks get it plus the stimuli.
 */
export interface Kit {
  model: ApiModel;
  config: ResolvedConfig;
  runId: string;
  readOnly: boolean;
  validator: SchemaValidator;
  tenantA: Tenant;
  /** The second tenant; checks that need two declare `requires: ['two-tenants']`. */
  tenantB: Tenant;
  send(options: SendOptions): Promise<Exchange>;
  /** What the run has seen so far (a 429 the client backed off from, every exchange). */
  seen: { rateLimited(): Exchange | undefined; exchanges(): readonly Exchange[] };
  resource(): Resource;
  /** A valid create body, tagged with the run id and the variant. */
  createBody(variant: string): unknown;
  /**
   * Why no valid create body can be built (a request body with no usable JSON schema), else
   * undefined. Body-driven checks skip with it rather than send an invented payload.
   */
  createBodyProblem(): string | undefined;
  /** Where created ids are read. */
  idSource: IdSource;
  /** The resource in an answer: the body, or the envelope member the id sits in (`/data`). */
  resourceBody(exchange: Exchange): unknown;
  /** The collection is public by design (config): every tenant may read it. */
  publicResource(): boolean;
  invalidBodies(): InvalidBody[];
  idempotencyKey(label: string): string;
  /** Creates a resource as a tenant (tracked for clean-up); skips the check when creation fails. */
  create(
    as: Tenant,
    variant: string,
    extra?: { headers?: Array<[string, string]>; body?: unknown; path?: string; key?: string },
  ): Promise<Created>;
  /** The item URL of an id (under `as`'s parent for a nested resource; tenant A's by default). */
  itemPath(id: string, as?: Tenant): string;
  /** The collection URL for a tenant (a nested resource's path carries that tenant's parent). */
  collectionFor(as: Tenant): string;
  /** An id of the resource's shape that no one created (a UUID when ids are UUIDs). */
  randomId(): string;
  idFrom(exchange: Exchange): string | undefined;
  /** Records a resource some request created (so it is cleaned up); undefined when none was. */
  track(as: Tenant, exchange: Exchange, body: unknown, variant: string): Created | undefined;
  /** The tenant id a token carries (its tenant claim, read without verifying), else the --tenant label. */
  tenantIdOf(tenant: Tenant): string;
  /** Operations under the API prefix (business operations; the probes excepted). */
  businessOperations(): Operation[];
  /** The operation declares security and the config does not list it as public by design. */
  isSecured(op: Operation): boolean;
}

/** What a check gets: the kit and the run's shared stimuli (typed accessors, sent once). */
export interface CheckContext extends Kit {
  stimuli: Stimuli;
}

/** The run's state beside the context: the client and what was created (for clean-up). */
export interface RunState {
  ctx: CheckContext;
  http: HttpClient;
  created: Created[];
  /** Nested resources: each tenant's parent, created before the checks (runner: run/parents.ts). */
  parents: Map<string, Created>;
}

export function createContext(init: {
  http: HttpClient;
  model: ApiModel;
  config: ResolvedConfig;
  runId: string;
  readOnly: boolean;
  validator: SchemaValidator;
  tenants: Tenant[];
  /** The reachability probe's answer, reused as the liveness observation. */
  live?: Exchange;
}): RunState {
  const created: Created[] = [];
  const { http, model, config, runId, validator } = init;
  const tenantA = init.tenants[0]!;
  const tenantB = init.tenants[1] ?? init.tenants[0]!;
  let keyCounter = 0;

  const parents = new Map<string, Created>();
  /** Fills a nested resource's parent parameter with the tenant's parent id. */
  const underParent = (template: string, as: Tenant): string => {
    const param = model.resource?.parent?.param;
    const parent = parents.get(as.id) ?? parents.get(tenantA.id);
    return param && parent ? template.replace(`{${param}}`, encodeURIComponent(parent.id)) : template;
  };
  const resource = (): Resource => {
    if (!model.resource)
      skipNow('the spec has no collection/item resource to exercise (set "resource" in the config)');
    return model.resource;
  };
  const createSchema = () => {
    const op = resource().create;
    const media = jsonMedia(op?.requestBody?.content);
    return media ? op?.requestBody?.content[media] : undefined;
  };
  const source = idSource(model.resource?.create, config.idField, config.idPointer);
  const idFrom = (exchange: Exchange): string | undefined => idOf(exchange, source);
  const createBodyProblem = (): string | undefined => {
    const op = model.resource?.create;
    if (!op?.requestBody) return undefined;
    const media = jsonMedia(op.requestBody.content);
    if (!media)
      return `POST ${op.path} takes ${Object.keys(op.requestBody.content).join(', ') || 'a body of no declared type'}, not JSON: no valid body can be built`;
    const schema = op.requestBody.content[media];
    if (!schema || Object.keys(schema).length === 0)
      return `POST ${op.path} declares no request body schema: no schema-valid body can be built`;
    return undefined;
  };
  const ctx: Kit = {
    model,
    config,
    runId,
    readOnly: init.readOnly,
    validator,
    tenantA,
    tenantB,
    send: (options) => http.send(options),
    seen: { rateLimited: () => http.rateLimited, exchanges: () => http.exchanges },
    resource,
    // No usable schema: an empty object, never an invented scalar called schema-valid.
    createBody: (variant) =>
      createBodyProblem()
        ? {}
        : resource().create?.requestBody || !resource().create
          ? sampleValid(createSchema(), { runId, variant })
          : undefined,
    createBodyProblem,
    idSource: source,
    resourceBody: (exchange) => {
      const parent = source.pointer.split('/').slice(0, -1).join('/');
      const inner = atPointer(exchange.json, parent);
      return inner && typeof inner === 'object' ? inner : exchange.json;
    },
    publicResource: () => {
      const path = model.resource?.collectionPath.replace(/\/$/, '');
      return !!path && config.publicResources.some((p) => path === p || path === model.basePath + p);
    },
    invalidBodies: () => sampleInvalid(createSchema(), { runId, variant: 'bad' }, validator),
    idempotencyKey: (label) => `ss-${runId}-${label}-${(keyCounter += 1)}`,
    async create(as, variant, extra = {}) {
      const res = resource();
      if (!res.create) skipNow('the resource has no create (POST) operation');
      if (init.readOnly) skipNow('--read-only: the suite creates nothing');
      const body = extra.body ?? ctx.createBody(variant);
      const exchange = await http.send({
        method: 'POST',
        path: extra.path ?? ctx.collectionFor(as),
        as,
        json: body,
        headers: [
          [config.idempotencyHeader, extra.key ?? ctx.idempotencyKey(`create-${variant}`)],
          ...(extra.headers ?? []),
        ],
      });
      const id = exchange.status >= 200 && exchange.status < 300 ? idFrom(exchange) : undefined;
      if (!id) {
        skipNow(
          `could not create a resource as ${as.id} to test with: ${describe(exchange)}` +
            (exchange.status >= 200 && exchange.status < 300
              ? ` (nothing at ${source.pointer} and no Location)`
              : ''),
          exchange,
        );
      }
      return ctx.track(as, exchange, body, variant)!;
    },
    itemPath: (id, as = tenantA) =>
      fillPath(underParent(resource().template?.itemPath ?? resource().itemPath, as), {
        [resource().idParam]: id,
      }),
    collectionFor: (as) => underParent(resource().template?.collectionPath ?? resource().collectionPath, as),
    randomId() {
      const param = resource().read?.parameters.find((p) => p.in === 'path' && p.name === resource().idParam);
      const schema = param?.schema as { format?: string; type?: string } | undefined;
      if (schema?.type === 'integer') return '987654321';
      return schema?.format === 'uuid' || !schema?.format
        ? '00000000-0000-4000-8000-' +
            runId
              .replace(/[^0-9a-f]/g, '')
              .padEnd(12, '0')
              .slice(0, 12)
        : `ss-${runId}-missing`;
    },
    idFrom,
    track(as, exchange, body, variant) {
      if (exchange.status < 200 || exchange.status >= 300 || exchange.request.method !== 'POST')
        return undefined;
      const id = idFrom(exchange);
      if (!id) return undefined;
      const existing = created.find((c) => c.id === id && c.owner === as);
      if (existing) return existing;
      const entry: Created = {
        id,
        owner: as,
        exchange,
        body,
        marker: `ss-${runId}-${variant}`,
        deleted: false,
      };
      const parent = parents.get(as.id);
      if (parent) Object.assign(entry, { parent, url: ctx.itemPath(id, as) });
      created.push(entry);
      return entry;
    },
    tenantIdOf(tenant) {
      try {
        const payload = JSON.parse(
          Buffer.from(tenant.token.split('.')[1] ?? '', 'base64url').toString('utf8'),
        ) as Record<string, unknown>;
        const claim = payload[config.tenantClaim];
        if (typeof claim === 'string' && claim) return claim;
      } catch {
        // Not a JWT: the label is the best guess.
      }
      return tenant.id;
    },
    businessOperations: () => {
      const probes = Object.values(config.health);
      return model.operations.filter(
        (op) => op.path.startsWith(config.apiPrefix + '/') && !probes.includes(op.path),
      );
    },
    isSecured: (op) =>
      op.secured && !config.publicOperations.includes(`${op.method} ${op.path}`.toUpperCase()),
  };
  return { ctx: { ...ctx, stimuli: createStimuli(ctx, { live: init.live }) }, http, created, parents };
}
