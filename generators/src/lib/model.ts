/**
 * The one home of "options → model → files": `buildModel` turns normalized options into the ServiceModel,
 * `applyModel` renders it into the tree (guarding a person's edits), formats, and records the manifest. Every
 * generator (service, resource, alert, sync, migrations) ends here.
 */
import { join } from 'node:path';
import type * as Prettier from 'prettier';
import { formatFiles, logger, offsetFromRoot, type Tree } from '@nx/devkit';
import { buildServiceModel, renderService, type ServiceModel } from '@shipshape/templates';
import { manifestPath } from '../utils/manifest';
import { GENERATOR_VERSION } from '../utils/version';
import { recordManifest, writeService } from '../utils/write-service';
import { toManifest, type NormalizedServiceOptions } from './options';

export function buildModel(options: NormalizedServiceOptions): ServiceModel {
  const model = buildServiceModel({
    name: options.name,
    org: options.org,
    tier: options.tier,
    owner: options.owner,
    resource: options.resources[0],
    resources: options.resources.slice(1),
    migrations: options.migrations,
    ifMatch: options.ifMatch,
    directory: options.directory,
    generatorVersion: GENERATOR_VERSION,
    slos: options.slos,
  });
  const defaults = new Set(model.alerts.map((a) => a.name));
  model.alerts = [...model.alerts, ...(options.alerts ?? []).filter((a) => !defaults.has(a.name))];
  return model;
}

/**
 * Which generated files go through the workspace's Prettier: code and JSON. Markdown and YAML are laid out by
 * their templates (tables, specs checked by the linters) and formatting them costs most of a run (≈ 3 s of 4);
 * Helm templates are Go templates that Prettier cannot parse.
 */
const FORMATTED = /\.(ts|mts|cts|js|mjs|cjs|json)$/;
const NEVER_FORMAT = /(^|\/)helm\//;

/** Nx's formatFiles (the workspace's Prettier config) on the FORMATTED files of the service. */
async function formatPreserving(tree: Tree, directory: string): Promise<void> {
  const keep = tree
    .listChanges()
    .filter((c) => c.type !== 'DELETE' && c.path.startsWith(`${directory}/`))
    .filter((c) => NEVER_FORMAT.test(c.path.slice(directory.length + 1)) || !FORMATTED.test(c.path))
    .map((c) => [c.path, c.content] as const);
  for (const [path] of keep) tree.delete(path); // out of formatFiles' sight
  await formatFiles(tree);
  for (const [path, content] of keep) if (content) tree.write(path, content);
}

/**
 * Formats one file with the workspace's Prettier (the manifest is written after formatFiles ran, since it
 * records the formatted files' hashes). Without Prettier in the workspace the file stays as written.
 */
async function formatOne(tree: Tree, path: string): Promise<void> {
  let prettier: typeof Prettier;
  try {
    prettier = await import('prettier');
  } catch {
    return;
  }
  const filepath = join(tree.root, path);
  const config = (await prettier.resolveConfig(filepath, { editorconfig: true })) ?? {};
  tree.write(path, await prettier.format(tree.read(path, 'utf-8') ?? '', { ...config, filepath }));
}

/** Renders the model into the tree (guarding edits), formats, and records the manifest. */
export async function applyModel(
  tree: Tree,
  options: NormalizedServiceOptions,
  model: ServiceModel,
): Promise<void> {
  const facts = {
    offset: offsetFromRoot(options.directory),
    tsconfigBase: tree.exists('tsconfig.base.json'),
    rootEslint: tree.exists('eslint.config.mjs'),
  };
  const recorded = toManifest(options, model);
  const result = writeService(tree, renderService(model, facts), {
    directory: options.directory,
    force: options.force,
    previous: options.previous,
    generatorVersion: GENERATOR_VERSION,
    options: recorded.options,
    migrations: recorded.migrations,
  });
  if (!options.skipFormat) await formatPreserving(tree, options.directory);
  recordManifest(tree, options.directory, result);
  if (!options.skipFormat) await formatOne(tree, manifestPath(options.directory));
  for (const path of result.keptEdits)
    logger.info(`kept your edits in ${path} (its template did not change)`);
  for (const path of result.overwrittenEdits) logger.warn(`overwrote your edits in ${path} (--force)`);
}
