import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import $RefParser from '@apidevtools/json-schema-ref-parser';
import { request } from 'undici';
import { parse as parseYaml } from 'yaml';
import { detectPrefix, findResource, joinPath } from './resource.js';

export type JsonSchema = Record<string, unknown>;

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema?: JsonSchema;
}

export interface ResponseSpec {
  /** Documented media types and their schemas (schema undefined when none is given). */
  content: Record<string, JsonSchema | undefined>;
  headers: Record<string, { schema?: JsonSchema; required: boolean }>;
}

export interface Operation {
  method: string;
  /** Path template as the service serves it (server base path included). */
  path: string;
  operationId?: string;
  deprecated: boolean;
  parameters: Parameter[];
  requestBody?: { required: boolean; content: Record<string, JsonSchema | undefined> };
  responses: Record<string, ResponseSpec>;
  /** Effective security requirement is non-empty (and not `{}` alone). */
  secured: boolean;
  /** Scheme names of the effective security requirements. */
  securitySchemes: string[];
}

export interface Resource {
  collectionPath: string;
  itemPath: string;
  idParam: string;
  list?: Operation;
  create?: Operation;
  read?: Operation;
  update?: Operation;
  remove?: Operation;
  /** A nested collection's parent (created first, deleted last) and the path parameter naming it. */
  parent?: { resource: Resource; param: string };
  /** A nested resource's templates once its paths are filled with tenant A's parent. */
  template?: { collectionPath: string; itemPath: string };
}

export interface ApiModel {
  source: string;
  openapi: string;
  /** `3.1` documents are JSON Schema 2020-12; `3.0` ones use the OpenAPI dialect (nullable). */
  dialect: '3.0' | '3.1';
  title: string;
  basePath: string;
  /** Prefix of business routes: configured, else detected from the paths (server base path included). */
  apiPrefix: string;
  operations: Operation[];
  /** Paths and the methods documented on each. */
  methodsByPath: Map<string, string[]>;
  resource?: Resource;
  /** Why candidate resources were passed over (or why none was found), for the plan and skips. */
  resourceRejections: string[];
  /** `components.securitySchemes` as the document gives them. */
  securitySchemes: Record<string, { type?: string; scheme?: string; in?: string; name?: string }>;
  /** Error codes the spec enumerates (a `code` member with an enum in a problem schema). */
  problemCodes: Set<string>;
}

export class SpecError extends Error {
  override readonly name = 'SpecError';
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Reads an OpenAPI 3.0/3.1 document from a file or URL and resolves every `$ref` (local and remote). */
export async function loadSpec(
  location: string,
  cwd: string,
  timeoutMs = 10_000,
  /**
   * A credential header (the caller passes it only for a spec on the target's own origin): sent
   * first, since some servers publish only the public subset anonymously; refused, the spec is
   * fetched anonymously. `onFetched` says which way it came.
   */
  credential?: [string, string],
  onFetched?: (how: 'credential' | 'anonymous' | 'file') => void,
): Promise<Record<string, unknown>> {
  const isUrl = /^https?:\/\//i.test(location);
  let text: string;
  let base: string;
  if (isUrl) {
    base = location;
    try {
      const get = (auth?: [string, string]) =>
        request(location, {
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
          headers: {
            accept: 'application/yaml, application/json;q=0.9, */*;q=0.5',
            ...(auth ? { [auth[0]]: auth[1] } : {}),
          },
        });
      let res = await get(credential);
      let how: 'credential' | 'anonymous' = credential ? 'credential' : 'anonymous';
      if (credential && res.statusCode >= 400) {
        await res.body.dump();
        res = await get();
        how = 'anonymous';
      }
      onFetched?.(how);
      text = await res.body.text();
      if (res.statusCode >= 400)
        throw new SpecError(`cannot read OpenAPI document ${location}: HTTP ${res.statusCode}`);
    } catch (error) {
      if (error instanceof SpecError) throw error;
      throw new SpecError(`cannot read OpenAPI document ${location}: ${(error as Error).message}`);
    }
  } else {
    const file = resolvePath(cwd, location);
    base = pathToFileURL(file).href;
    onFetched?.('file');
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new SpecError(
        `cannot read OpenAPI document ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      );
    }
  }
  let doc: unknown;
  try {
    doc = parseYaml(text, { maxAliasCount: 1000 }) as unknown;
  } catch (error) {
    throw new SpecError(
      `OpenAPI document ${location} does not parse: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  if (!doc || typeof doc !== 'object' || typeof (doc as { openapi?: unknown }).openapi !== 'string') {
    throw new SpecError(`${location} is not an OpenAPI 3.x document (no "openapi" version field)`);
  }
  const version = (doc as { openapi: string }).openapi;
  if (!/^3\.[01]\./.test(version)) {
    throw new SpecError(`${location} is OpenAPI ${version}; the suite reads 3.0 and 3.1 documents`);
  }
  try {
    return (await $RefParser.dereference(base, doc as Record<string, unknown>, {
      // The target is usually on loopback: the user named it, so loopback refs are allowed.
      resolve: { http: { safeUrlResolver: false, timeout: timeoutMs } },
      // Self-referencing schemas become object cycles; the sampler and the validator cut them.
      dereference: { circular: true },
    })) as Record<string, unknown>;
  } catch (error) {
    throw new SpecError(`cannot resolve $refs in ${location}: ${(error as Error).message.split('\n')[0]}`);
  }
}

export interface DiscoverOptions {
  /** Collection path of the resource to exercise (e.g. `/api/v1/orders`); discovered when absent. */
  resource?: string;
  /** Path prefix of business routes; detected from the paths when absent. */
  apiPrefix?: string;
  /** Paths that are probes, not business routes (kept out of the prefix detection). */
  probes?: string[];
  /** Overrides the path of the first server URL. */
  basePath?: string;
}

/** Turns a dereferenced document into what the checks need: operations, the CRUD resource, codes. */
export function discover(doc: Record<string, unknown>, source: string, options: DiscoverOptions): ApiModel {
  const openapi = String(doc.openapi);
  const basePath = options.basePath ?? serverBasePath(doc);
  const globalSecurity = doc.security as unknown[] | undefined;
  const operations: Operation[] = [];
  const methodsByPath = new Map<string, string[]>();
  const paths = (doc.paths ?? {}) as Record<string, Record<string, unknown>>;
  for (const [rawPath, item] of Object.entries(paths)) {
    if (!item || typeof item !== 'object') continue;
    const path = joinPath(basePath, rawPath);
    const shared = (item.parameters ?? []) as Record<string, unknown>[];
    const methods: string[] = [];
    for (const method of METHODS) {
      const op = item[method] as Record<string, unknown> | undefined;
      if (!op || typeof op !== 'object') continue;
      methods.push(method.toUpperCase());
      operations.push(toOperation(method, path, op, shared, globalSecurity));
    }
    methodsByPath.set(path, methods);
  }
  const apiPrefix = options.apiPrefix ?? detectPrefix([...methodsByPath.keys()], options.probes ?? []);
  const model: ApiModel = {
    apiPrefix,
    source,
    openapi,
    dialect: openapi.startsWith('3.1') ? '3.1' : '3.0',
    title: String((doc.info as { title?: string } | undefined)?.title ?? 'service'),
    basePath,
    operations,
    methodsByPath,
    resourceRejections: [],
    securitySchemes: ((doc.components as { securitySchemes?: ApiModel['securitySchemes'] } | undefined)
      ?.securitySchemes ?? {}) as ApiModel['securitySchemes'],
    problemCodes: collectProblemCodes(doc),
  };
  model.resource = findResource(model, { ...options, apiPrefix });
  return model;
}

function toOperation(
  method: string,
  path: string,
  op: Record<string, unknown>,
  shared: Record<string, unknown>[],
  globalSecurity: unknown[] | undefined,
): Operation {
  const params = new Map<string, Parameter>();
  for (const raw of [...shared, ...((op.parameters ?? []) as Record<string, unknown>[])]) {
    if (!raw || typeof raw.name !== 'string') continue;
    const p: Parameter = {
      name: raw.name,
      in: raw.in as Parameter['in'],
      required: raw.required === true || raw.in === 'path',
      schema: raw.schema as JsonSchema | undefined,
    };
    params.set(`${p.in}:${p.name.toLowerCase()}`, p);
  }
  const responses: Record<string, ResponseSpec> = {};
  for (const [status, raw] of Object.entries(
    (op.responses ?? {}) as Record<string, Record<string, unknown>>,
  )) {
    const content: Record<string, JsonSchema | undefined> = {};
    for (const [type, media] of Object.entries(
      (raw?.content ?? {}) as Record<string, { schema?: JsonSchema }>,
    )) {
      content[type.toLowerCase()] = media?.schema;
    }
    const headers: ResponseSpec['headers'] = {};
    for (const [name, h] of Object.entries((raw?.headers ?? {}) as Record<string, Record<string, unknown>>)) {
      headers[name.toLowerCase()] = {
        schema: h?.schema as JsonSchema | undefined,
        required: h?.required === true,
      };
    }
    responses[status.toUpperCase()] = { content, headers };
  }
  let requestBody: Operation['requestBody'];
  const rb = op.requestBody as
    { required?: boolean; content?: Record<string, { schema?: JsonSchema }> } | undefined;
  if (rb?.content) {
    const content: Record<string, JsonSchema | undefined> = {};
    for (const [type, media] of Object.entries(rb.content)) content[type.toLowerCase()] = media?.schema;
    requestBody = { required: rb.required === true, content };
  }
  const security = (op.security as unknown[] | undefined) ?? globalSecurity ?? [];
  const secured =
    security.length > 0 &&
    !security.some((req) => req && typeof req === 'object' && Object.keys(req).length === 0);
  return {
    method: method.toUpperCase(),
    path,
    operationId: typeof op.operationId === 'string' ? op.operationId : undefined,
    deprecated: op.deprecated === true,
    parameters: [...params.values()],
    requestBody,
    responses,
    secured,
    securitySchemes: security.flatMap((req) => (req && typeof req === 'object' ? Object.keys(req) : [])),
  };
}

function serverBasePath(doc: Record<string, unknown>): string {
  const servers = doc.servers as Array<{ url?: string }> | undefined;
  const url = servers?.[0]?.url;
  if (!url) return '';
  try {
    const pathname = new URL(url.replace(/\{[^}]+\}/g, 'x'), 'http://placeholder').pathname;
    return pathname === '/' ? '' : pathname.replace(/\/$/, '');
  } catch {
    return '';
  }
}

function collectProblemCodes(doc: Record<string, unknown>): Set<string> {
  const codes = new Set<string>();
  const seen = new Set<unknown>();
  const visit = (node: unknown, depth: number) => {
    if (!node || typeof node !== 'object' || seen.has(node) || depth > 40) return;
    seen.add(node);
    const props = (node as { properties?: Record<string, { enum?: unknown[] }> }).properties;
    if (props?.code?.enum && props.status && props.title) {
      for (const code of props.code.enum) if (typeof code === 'string') codes.add(code);
    }
    for (const value of Object.values(node)) visit(value, depth + 1);
  };
  visit(doc, 0);
  return codes;
}

/** Fills a path template: `{id}` takes `values[id]` or the fallback. */
export function fillPath(template: string, values: Record<string, string>, fallback = 'x'): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? fallback));
}

/** Picks the JSON media type of a content map (application/json or any +json). */
export function jsonMedia(content: Record<string, JsonSchema | undefined> | undefined): string | undefined {
  if (!content) return undefined;
  const types = Object.keys(content);
  return types.find((t) => t === 'application/json') ?? types.find((t) => /[/+]json$/.test(t));
}

/** The documented response for a status: exact, then `4XX`-style range, then `default`. */
export function documentedResponse(op: Operation, status: number): ResponseSpec | undefined {
  return op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`] ?? op.responses.DEFAULT;
}
