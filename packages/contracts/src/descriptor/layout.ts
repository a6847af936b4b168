/**
 * `resolveLayout(serviceDir)`: where every artifact of a service is, from its `shipshape.yaml` with the
 * generated layout (DESIGN.md "A generated service") for every absent key. A generated service without a
 * descriptor resolves exactly as the tools always assumed. Tools read paths from here, never hard-code them.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { DEFAULT_TENANT_COLUMN } from '../service/tables.js';
import { DESCRIPTOR_FILE, loadDescriptor } from './load.js';
import { BUNDLE_DOCS } from './roles.js';
import type { BundleRole, ServiceDescriptor, SqlDialect, Tier } from './types.js';

/** Every artifact location, relative to `root` with forward slashes (use {@link ResolvedLayout.abs}). */
export interface ResolvedLayout {
  /** Absolute path of the service folder. */
  root: string;
  /** `shipshape.yaml` when the service has one; undefined means "generated layout throughout". */
  descriptorFile?: string;
  descriptor?: ServiceDescriptor;
  name: string;
  org?: string;
  tier?: Tier;
  owner?: string;
  adopted: boolean;
  /** Where OpenAPI documents were looked for (as configured) and the files found there, sorted. */
  openapi: { from: string[]; files: string[] };
  asyncapi: { from: string[]; files: string[] };
  migrations: { dir: string; dialect: SqlDialect };
  tenancy: 'row-level' | 'none';
  tenantColumn: string;
  globalTables: string[];
  deploy: { helm?: string; manifests: string[] };
  alerts: string[];
  slos: string[];
  dashboards: string;
  runbooks: { dir: string; urlPattern?: string };
  docs: { dir: string; summary: string; bundle: Record<BundleRole, string> };
  errorRegistry: string;
  readiness: { file: string; attestations: string };
  local: { command?: string; healthUrl: string; portEnv: string; conformanceConfig: string };
  reports: { dir: string; lint: string; conformance: string; diff: string };
  /** Absolute path of a layout path. */
  abs(path: string): string;
}

const SPEC_FILE = /\.(ya?ml|json)$/i;

/** Files a location names: the file itself, or every spec file directly inside a folder (sorted). */
export function expandSpecLocations(root: string, locations: string[]): string[] {
  const out: string[] = [];
  for (const location of locations) {
    const full = join(root, location);
    let isDir = location.endsWith('/');
    try {
      isDir = statSync(full).isDirectory();
    } catch {
      if (isDir) continue; // a folder that does not exist holds nothing
      out.push(trimSlash(location)); // a named file that does not exist: the tool reports it missing
      continue;
    }
    if (!isDir) {
      out.push(trimSlash(location));
      continue;
    }
    const prefix = trimSlash(location);
    for (const f of readdirSync(full)
      .filter((n) => SPEC_FILE.test(n))
      .sort()) {
      out.push(prefix ? `${prefix}/${f}` : f);
    }
  }
  return [...new Set(out)];
}

const trimSlash = (p: string) => p.replace(/\/+$/, '').replace(/^\.\//, '');

/** The runbook URL an alert must carry under a `runbooks.urlPattern`. */
export function runbookUrl(pattern: string, alert: string, slug: string): string {
  return pattern.replace(/\{alert\}/g, alert).replace(/\{slug\}/g, slug);
}

/**
 * Resolves the layout of the service at `serviceDir` (throws {@link DescriptorError} when its
 * shipshape.yaml is invalid). `name` falls back to the folder name.
 */
export function resolveLayout(serviceDir: string, descriptor?: ServiceDescriptor): ResolvedLayout {
  const root = resolve(serviceDir);
  const d = descriptor ?? loadDescriptor(root);
  const name = d?.name ?? basename(root);
  const docsDir = trimSlash(d?.docs?.dir ?? 'docs');
  const bundle = Object.fromEntries(
    BUNDLE_DOCS.map(({ role }) => [role, d?.docs?.bundle?.[role] ?? `${docsDir}/${role}.md`]),
  ) as Record<BundleRole, string>;
  const reportsDir = trimSlash(d?.reports?.dir ?? 'reports');
  const openapiFrom = d?.api?.openapi ?? ['openapi/'];
  const asyncapiFrom = d?.api?.asyncapi ?? ['asyncapi/'];
  const helm = d?.deploy?.helm ?? (d?.deploy?.manifests ? undefined : `helm/${name}`);
  return {
    root,
    ...(d ? { descriptorFile: join(root, DESCRIPTOR_FILE), descriptor: d } : {}),
    name,
    ...(d?.org ? { org: d.org } : {}),
    ...(d?.tier ? { tier: d.tier } : {}),
    ...(d?.owner ? { owner: d.owner } : {}),
    adopted: d?.adopted ?? false,
    openapi: { from: openapiFrom, files: expandSpecLocations(root, openapiFrom) },
    asyncapi: { from: asyncapiFrom, files: expandSpecLocations(root, asyncapiFrom) },
    migrations: {
      dir: trimSlash(d?.data?.migrations ?? 'migrations'),
      dialect: d?.data?.dialect ?? 'postgresql',
    },
    tenancy: d?.data?.tenancy ?? 'row-level',
    tenantColumn: d?.data?.tenantColumn ?? DEFAULT_TENANT_COLUMN,
    globalTables: d?.data?.globalTables ?? [],
    deploy: {
      ...(helm ? { helm: trimSlash(helm) } : {}),
      manifests: (d?.deploy?.manifests ?? []).map(trimSlash),
    },
    alerts: (d?.ops?.alerts ?? ['ops/alerts.yaml']).map(trimSlash),
    slos: (d?.ops?.slos ?? ['ops/slos.yaml']).map(trimSlash),
    dashboards: trimSlash(d?.ops?.dashboards ?? 'ops/dashboards'),
    runbooks: {
      dir: trimSlash(d?.runbooks?.dir ?? 'runbooks'),
      ...(d?.runbooks?.urlPattern ? { urlPattern: d.runbooks.urlPattern } : {}),
    },
    docs: { dir: docsDir, summary: d?.docs?.summary ?? 'README.md', bundle },
    errorRegistry: d?.errors?.registry ?? 'errors/error-codes.yaml',
    readiness: {
      file: d?.readiness?.file ?? 'readiness.yaml',
      attestations: d?.readiness?.attestations ?? 'readiness/attestations.yaml',
    },
    local: {
      ...(d?.local?.command ? { command: d.local.command } : {}),
      healthUrl: d?.local?.healthUrl ?? 'http://127.0.0.1:{port}/health/ready',
      portEnv: d?.local?.portEnv ?? 'PORT',
      conformanceConfig: d?.local?.conformanceConfig ?? 'conformance.config.json',
    },
    reports: {
      dir: reportsDir,
      lint: trimSlash(d?.reports?.lint ?? `${reportsDir}/lint`),
      conformance: trimSlash(d?.reports?.conformance ?? `${reportsDir}/conformance`),
      diff: trimSlash(d?.reports?.diff ?? `${reportsDir}/diff`),
    },
    abs: (path: string) => (isAbsolute(path) ? path : join(root, path)),
  };
}

/** True when a path of the layout exists. */
export function layoutHas(layout: ResolvedLayout, path: string): boolean {
  return existsSync(layout.abs(path));
}
