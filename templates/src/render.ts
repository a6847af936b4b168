/**
 * Renders template trees to memory with the same conventions as Nx's `generateFiles` (EJS bodies, `__key__`
 * file-name segments replaced by string members of the data, `__tmpl__` removed), so the generators and the
 * docs site produce identical output without depending on Nx.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { compile, type TemplateFunction } from 'ejs';
import { pad4 } from './helpers.js';
import { opsHelpers } from './ops/helpers.js';
import { perAlertRenders } from './per-alert.js';
import type { ResourceModel, ServiceModel } from './model/types.js';
import { templateData, templatesRoot, treeDirs, type WorkspaceFacts } from './trees.js';

export interface RenderedFile {
  /** Relative to the render target, `/`-separated. */
  path: string;
  content: string;
}

export interface RenderedService {
  /** Files relative to the service directory. */
  service: RenderedFile[];
  /** Files relative to the workspace root (the CI workflow). */
  workspace: RenderedFile[];
}

const compiled = new Map<string, TemplateFunction>();
const listings = new Map<string, string[]>();

function listFiles(dir: string): string[] {
  let files = listings.get(dir);
  if (!files) {
    files = [];
    const walk = (d: string) => {
      for (const entry of readdirSync(d, { withFileTypes: true })) {
        const full = join(d, entry.name);
        if (entry.isDirectory()) walk(full);
        else files!.push(full);
      }
    };
    walk(dir);
    files.sort();
    listings.set(dir, files);
  }
  return files;
}

function substitutePath(path: string, data: Record<string, unknown>): string {
  return path.replace(/__([A-Za-z][A-Za-z0-9]*)__/g, (whole, key: string) => {
    const value = data[key];
    if (typeof value !== 'string')
      throw new Error(`template path ${path}: no string '${key}' to substitute ${whole}`);
    return value;
  });
}

/** Renders every file of the tree at `dir` (absolute) with `data`. */
export function renderTree(dir: string, data: Record<string, unknown>): RenderedFile[] {
  return listFiles(dir).map((file) => {
    let fn = compiled.get(file);
    if (!fn) {
      // The trees are YAML, JSON, TypeScript, SQL and Markdown, never HTML: `<%= %>` must not HTML-escape.
      fn = compile(readFileSync(file, 'utf8'), { filename: file, escape: (s: unknown) => String(s) });
      compiled.set(file, fn);
    }
    let content: string;
    try {
      content = fn(data);
    } catch (error) {
      // EJS messages are "<file>:<line>", a code excerpt, then the cause: keep the line and the cause.
      const lines = (error as Error).message.split('\n').filter((l) => l.trim() !== '');
      const line = /:(\d+)$/.exec(lines[0] ?? '')?.[1];
      const where = relative(templatesRoot, file) + (line ? `:${line}` : '');
      throw new Error(`cannot render ${where}: ${lines[lines.length - 1] ?? 'unknown error'}`);
    }
    const path = substitutePath(relative(dir, file).split(sep).join('/'), data);
    return { path, content };
  });
}

/** The per-resource tree (rendered once per aggregate) and the workspace tree (rendered at the workspace root). */
export const RESOURCE_TREE = 'resource';
export const WORKSPACE_TREE = 'workspace';

export function resourceData(
  model: ServiceModel,
  resource: ResourceModel,
  workspace?: Partial<WorkspaceFacts>,
): Record<string, unknown> {
  return {
    ...opsHelpers,
    ...templateData(model, workspace),
    resource,
    resourceFile: resource.names.fileName,
    migrationFile: `${pad4(resource.migration)}_${resource.table}`,
  };
}

/** Renders the whole service: every tree of trees.json, the per-resource tree for each aggregate, the workflow. */
export function renderService(model: ServiceModel, facts?: Partial<WorkspaceFacts>): RenderedService {
  // The ops helpers (templates/src/ops/) are part of every tree's data.
  const data = { ...opsHelpers, ...templateData(model, facts) } as unknown as Record<string, unknown>;
  const service: RenderedFile[] = [];
  for (const dir of treeDirs()) service.push(...renderTree(dir, data));
  for (const { dir, data: alertData } of perAlertRenders(model, data))
    service.push(...renderTree(dir, alertData));
  for (const resource of model.resources) {
    service.push(
      ...renderTree(join(templatesRoot, RESOURCE_TREE, 'files'), resourceData(model, resource, facts)),
    );
  }
  const workspace = renderTree(join(templatesRoot, WORKSPACE_TREE, 'files'), data);
  const seen = new Set<string>();
  for (const f of service) {
    if (seen.has(f.path)) throw new Error(`two templates render ${f.path}`);
    seen.add(f.path);
  }
  return { service, workspace };
}
