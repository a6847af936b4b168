import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';

/** `conformance.config.json`: what a spec cannot say. Every member is optional. */
export interface ConformanceConfig {
  /** Collection path of the resource to exercise, e.g. `/api/v1/orders`. */
  resource?: string;
  /** Prefix every business route lives under (default `/api/v1`). */
  apiPrefix?: string;
  /**
   * Path the spec's paths are served under, replacing the path of its first `servers` URL (which is
   * the default); `""` serves them at the root, as mocks like Prism do.
   */
  basePath?: string;
  /** Member of a created resource holding its id (default `id`; `Location` is tried first). */
  idField?: string;
  /** JSON pointer of the id in a create answer (e.g. `/data/id`); detected from the schema when absent. */
  idPointer?: string;
  /** `shipshape` (default): the full house contract; `standard`: public standards only. */
  profile?: 'standard' | 'shipshape';
  auth?: {
    /** The securitySchemes entry to use (default: the one the secured operations name first). */
    scheme?: string;
    /** A header template sent instead of the scheme, e.g. `X-Api-Key: {credential}`. */
    header?: string;
    /** `METHOD /path` of operations public by design (no 401 expected there). */
    publicOperations?: string[];
  };
  /** Collection paths every tenant may read by design: tenancy checks judge writes only there. */
  publicResources?: string[];
  health?: { live?: string; ready?: string; health?: string; metrics?: string };
  tenancy?: {
    /** Client headers that must never select a tenant (default x-tenant-id, tenant-id, x-tenant). */
    spoofHeaders?: string[];
    /** Body/query members that must never move data into another tenant (default tenantId, tenant_id). */
    tenantFields?: string[];
    /** JWT claim naming the tenant (default `tenant_id`): the real tenant id used in spoofing attempts. */
    claim?: string;
    /** Statuses allowed for another tenant's resource (default [404]; add 403 to allow it). */
    crossTenantStatuses?: number[];
  };
  idempotency?: {
    header?: string;
    /** `METHOD /path` of POST operations that are exempt (e.g. `POST /api/v1/orders/search`). */
    exempt?: string[];
    /** Header that marks a replayed answer (default `Idempotent-Replayed`; empty string: not checked). */
    replayHeader?: string;
    /** Parallel identical requests in the race check (default 5). */
    parallel?: number;
  };
  /** Status an undocumented method gets (default 405). */
  methodNotAllowedStatus?: number;
  /** Error-code registry: a YAML/JSON file (relative to this config) or a list of codes. */
  errorCodes?: string | string[];
  /** Check ids to skip (reported as skipped with the reason "disabled in config"). */
  skip?: string[];
  concurrency?: number;
  maxRequests?: number;
  /** Whole-run time budget in ms; checks not started by then are skipped. */
  budgetMs?: number;
}

export interface ResolvedConfig {
  resource?: string;
  basePath?: string;
  /** The business-route prefix: configured, else detected from the spec (the runner fills it in). */
  apiPrefix: string;
  apiPrefixConfigured: boolean;
  idField: string;
  idPointer?: string;
  profile?: 'standard' | 'shipshape';
  authScheme?: string;
  authHeader?: string;
  publicOperations: string[];
  publicResources: string[];
  health: { live: string; ready: string; health: string; metrics: string };
  spoofHeaders: string[];
  tenantFields: string[];
  tenantClaim: string;
  crossTenantStatuses: number[];
  crossTenantConfigured: boolean;
  /** What an unknown id answers: 404, or 403 on a service that hides existence (detected). */
  notFoundStatus: number;
  idempotencyHeader: string;
  idempotencyExempt: string[];
  replayHeader: string;
  parallel: number;
  methodNotAllowedStatus: number;
  errorCodes?: Set<string>;
  skip: Set<string>;
  concurrency: number;
  maxRequests: number;
  budgetMs: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads a config file; unknown members are an error naming the member (a typo must not pass silently). */
export async function readConfig(file: string): Promise<{ config: ConformanceConfig; dir: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`config ${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (!config || typeof config !== 'object' || Array.isArray(config)) {
    throw new ConfigError(`config ${file} must be a JSON object`);
  }
  const problems = validateConfig(config);
  if (problems) throw new ConfigError(`config ${file}: ${problems}`);
  return { config: config as ConformanceConfig, dir: dirname(file) };
}

export async function resolveConfig(
  config: ConformanceConfig = {},
  dir = process.cwd(),
): Promise<ResolvedConfig> {
  const positive = (value: number | undefined, name: string, fallback: number) => {
    if (value === undefined) return fallback;
    if (!Number.isInteger(value) || value <= 0)
      throw new ConfigError(`config: ${name} must be a positive integer`);
    return value;
  };
  let errorCodes: Set<string> | undefined;
  if (Array.isArray(config.errorCodes)) errorCodes = new Set(config.errorCodes);
  else if (typeof config.errorCodes === 'string')
    errorCodes = await readErrorCodes(resolve(dir, config.errorCodes));
  return {
    resource: config.resource,
    basePath: config.basePath?.replace(/\/$/, ''),
    apiPrefix: config.apiPrefix?.replace(/\/$/, '') ?? '',
    apiPrefixConfigured: config.apiPrefix !== undefined,
    idField: config.idField ?? 'id',
    idPointer: config.idPointer,
    profile: config.profile,
    authScheme: config.auth?.scheme,
    authHeader: config.auth?.header,
    publicOperations: (config.auth?.publicOperations ?? []).map((e) =>
      e.trim().replace(/\s+/, ' ').toUpperCase(),
    ),
    publicResources: (config.publicResources ?? []).map((p) => p.replace(/\/$/, '')),
    health: {
      live: config.health?.live ?? '/health/live',
      ready: config.health?.ready ?? '/health/ready',
      health: config.health?.health ?? '/health',
      metrics: config.health?.metrics ?? '/metrics',
    },
    spoofHeaders: config.tenancy?.spoofHeaders ?? ['x-tenant-id', 'tenant-id', 'x-tenant'],
    tenantFields: config.tenancy?.tenantFields ?? ['tenantId', 'tenant_id'],
    tenantClaim: config.tenancy?.claim ?? 'tenant_id',
    crossTenantStatuses: config.tenancy?.crossTenantStatuses ?? [404],
    crossTenantConfigured: config.tenancy?.crossTenantStatuses !== undefined,
    notFoundStatus: 404,
    idempotencyHeader: config.idempotency?.header ?? 'Idempotency-Key',
    idempotencyExempt: (config.idempotency?.exempt ?? []).map((e) =>
      e.trim().replace(/\s+/, ' ').toUpperCase(),
    ),
    replayHeader: config.idempotency?.replayHeader ?? 'Idempotent-Replayed',
    parallel: positive(config.idempotency?.parallel, 'idempotency.parallel', 5),
    methodNotAllowedStatus: config.methodNotAllowedStatus ?? 405,
    errorCodes,
    skip: new Set(config.skip ?? []),
    concurrency: positive(config.concurrency, 'concurrency', 8),
    maxRequests: positive(config.maxRequests, 'maxRequests', 5000),
    budgetMs: positive(config.budgetMs, 'budgetMs', 180_000),
  };
}

/**
 * Reads an error-code registry (errors/error-codes.yaml or JSON). Accepted shapes: a list of
 * entries with `code`, a map keyed by code, or either under a top-level `codes`/`errors` member.
 */
export async function readErrorCodes(file: string): Promise<Set<string>> {
  let doc: unknown;
  try {
    doc = parseYaml(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(
      `cannot read error-code registry ${file}: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  const codes = new Set<string>();
  const prefix = doc && typeof doc === 'object' ? (doc as { prefix?: unknown }).prefix : undefined;
  const add = (code: unknown) => {
    if (typeof code !== 'string') return;
    codes.add(code);
    if (typeof prefix === 'string' && !code.startsWith(prefix)) codes.add(`${prefix}.${code}`);
  };
  const walk = (node: unknown) => {
    if (Array.isArray(node)) for (const entry of node) add((entry as { code?: unknown })?.code ?? entry);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'prefix') continue;
        if ((key === 'codes' || key === 'errors') && value && typeof value === 'object') walk(value);
        else if (/^[A-Z][A-Z0-9_.]*$/.test(key)) add((value as { code?: unknown })?.code ?? key);
      }
    }
  };
  walk(doc);
  return codes;
}

let validator: ReturnType<Ajv2020['compile']> | undefined;

/** Checks a config against config.schema.json; one line naming the first problem, or undefined. */
export function validateConfig(config: unknown): string | undefined {
  // The schema ships beside package.json (one level above src/ and dist/) for editors to use too.
  validator ??= new Ajv2020({ allErrors: false, strict: false }).compile(
    JSON.parse(readFileSync(new URL('../config.schema.json', import.meta.url), 'utf8')) as object,
  );
  if (validator(config)) return undefined;
  const error = validator.errors![0]!;
  const where = error.instancePath ? `"${error.instancePath.slice(1).replace(/\//g, '.')}"` : 'the config';
  if (error.keyword === 'additionalProperties') {
    return `unknown member "${(error.params as { additionalProperty: string }).additionalProperty}" in ${where}`;
  }
  return `${where} ${error.message ?? 'is invalid'}`;
}
