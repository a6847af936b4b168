import { detectPrefix, findResource, joinPath } from '../resource.js';
import type { ApiModel, Operation } from './model.js';
import { toOperation } from './operation.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

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
