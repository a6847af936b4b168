/**
 * Renders the bundle's trees (docs-bundle, ops, runbooks, helm, k6 and the per-alert runbooks) for a model
 * exactly as `renderService` does (same renderer, same data: `templateData(model)` plus the ops helpers, and
 * `perAlertRenders` per alert), without the other trees. Returns the files by service-relative path.
 */
import { join } from 'node:path';
import { renderTree, templateData, templatesRoot, type ServiceModel } from '../src/index.js';
import { opsHelpers, perAlertRenders } from '../src/index.js';

export const BUNDLE_TREES = ['docs-bundle', 'ops', 'runbooks', 'helm', 'k6'] as const;

export function bundleData(model: ServiceModel): Record<string, unknown> {
  return { ...opsHelpers, ...templateData(model) } as unknown as Record<string, unknown>;
}

export function renderBundle(
  model: ServiceModel,
  trees: readonly string[] = BUNDLE_TREES,
): Map<string, string> {
  const data = bundleData(model);
  const files = new Map<string, string>();
  const add = (rendered: { path: string; content: string }[]) => {
    for (const f of rendered) {
      if (files.has(f.path)) throw new Error(`two templates render ${f.path}`);
      files.set(f.path, f.content);
    }
  };
  for (const t of trees) add(renderTree(join(templatesRoot, t, 'files'), data));
  if (trees.includes('runbooks')) {
    for (const { dir, data: alertData } of perAlertRenders(model, data)) add(renderTree(dir, alertData));
  }
  return files;
}
