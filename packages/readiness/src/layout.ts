/**
 * Where the readiness evaluators read each artifact: the service's `shipshape.yaml` resolved by
 * @shipshape/contracts' `resolveLayout` (the generated layout for every absent key). `createContext` builds
 * it once; evaluators read `ctx.layout` and name in their reasons the path the descriptor points at.
 */
import { existsSync, statSync } from 'node:fs';
import { DescriptorError, resolveLayout, type ResolvedLayout } from '@shipshape/contracts';
import { ReadinessInputError } from './settings.js';

export type { ResolvedLayout };

/** The layout of the service at `dir`; an invalid shipshape.yaml is the user's input error (exit 2, one line). */
export function loadLayout(dir: string): ResolvedLayout {
  try {
    return resolveLayout(dir);
  } catch (error) {
    if (error instanceof DescriptorError) throw new ReadinessInputError(error.message);
    throw error;
  }
}

/** Whether the service's shipshape.yaml sets `key` (a dotted path such as `deploy.helm`). */
export function declared(layout: ResolvedLayout, key: string): boolean {
  let value: unknown = layout.descriptor;
  for (const part of key.split('.')) {
    if (value === null || typeof value !== 'object') return false;
    value = (value as Record<string, unknown>)[part];
  }
  return value !== undefined;
}

/**
 * Where a reason says a path came from: `deploy.helm in shipshape.yaml` when the descriptor sets the key,
 * else `deploy.helm in shipshape.yaml, default helm/<name>` — so a user knows which line to add or fix.
 */
export function origin(layout: ResolvedLayout, key: string, generated: string): string {
  return declared(layout, key)
    ? `${key} in shipshape.yaml`
    : `${key} in shipshape.yaml, default ${generated}`;
}

/** The generated layout's defaults, as reasons show them. */
export const DEFAULTS = {
  'api.openapi': 'openapi/',
  'api.asyncapi': 'asyncapi/',
  'data.migrations': 'migrations/',
  'deploy.helm': 'helm/<name>',
  'ops.alerts': 'ops/alerts.yaml',
  'ops.slos': 'ops/slos.yaml',
  'ops.dashboards': 'ops/dashboards/',
  'runbooks.dir': 'runbooks/',
  'docs.dir': 'docs/',
  'docs.summary': 'README.md',
  'readiness.file': 'readiness.yaml',
  'readiness.attestations': 'readiness/attestations.yaml',
  'reports.dir': 'reports/',
} as const;

/** {@link origin} for a key of the generated layout. */
export function from(layout: ResolvedLayout, key: keyof typeof DEFAULTS): string {
  return origin(layout, key, DEFAULTS[key]);
}

/** Where a bundle doc plays its role: `docs.bundle.<ROLE> in shipshape.yaml` or the docs folder default. */
export function docOrigin(layout: ResolvedLayout, role: string): string {
  return declared(layout, `docs.bundle.${role}`)
    ? `docs.bundle.${role} in shipshape.yaml`
    : `docs.bundle.${role} in shipshape.yaml, default <docs.dir>/${role}.md`;
}

/** A report of another tool under the reports folder (`reports.dir`), e.g. `reports/tests/junit.xml`. */
export function reportPath(layout: ResolvedLayout, path: string): string {
  return `${layout.reports.dir}/${path}`;
}

/** A list of layout paths for a reason line. */
export function paths(list: string[]): string {
  return list.length ? list.join(', ') : '(none)';
}

/** The service's migrations folder for a reason line, with where it came from. */
export function migrationsAt(layout: ResolvedLayout): string {
  return `${layout.migrations.dir}/ (${from(layout, 'data.migrations')})`;
}

/** The AsyncAPI (or OpenAPI) documents the layout names that exist, as absolute paths. */
export function specFiles(layout: ResolvedLayout, kind: 'openapi' | 'asyncapi'): string[] {
  return layout[kind].files.map((f) => layout.abs(f)).filter((f) => existsSync(f) && statSync(f).isFile());
}

/** Where the AsyncAPI documents are looked for, for a reason line (`api.asyncapi: []`: there are none). */
export function asyncapiAt(layout: ResolvedLayout): string {
  if (layout.asyncapi.from.length === 0) return 'no AsyncAPI document (api.asyncapi: [] in shipshape.yaml)';
  return `${paths(layout.asyncapi.from)} (${from(layout, 'api.asyncapi')})`;
}
