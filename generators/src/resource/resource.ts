import { logger, type GeneratorCallback, type Tree } from '@nx/devkit';
import { applyModel, buildModel } from '../lib/model';
import { normalizeOptions } from './lib/normalize-options';
import type { ResourceGeneratorSchema } from './schema';

/**
 * Adds an aggregate by re-rendering the whole service from its manifest's options plus the new resource: new
 * files appear (routes, repository, migration, tests), files that list aggregates (app.ts, specs, registry,
 * docs) are updated, and files a person edited are never overwritten without --force. Given an aggregate the
 * service already has, `--ifMatch optional|required` only changes whether its PATCH and DELETE require If-Match.
 */
export async function resourceGenerator(
  tree: Tree,
  schema: ResourceGeneratorSchema,
): Promise<GeneratorCallback> {
  const options = normalizeOptions(tree, schema);
  const model = buildModel(options);
  await applyModel(tree, options, model);
  const changed = options.previous?.options.resources.includes(schema.name);
  if (changed) {
    logger.info(`${options.name}: If-Match is ${schema.ifMatch} on PATCH and DELETE of '${schema.name}'`);
    return () => undefined;
  }
  const added = model.resources[model.resources.length - 1];
  logger.info(
    `added '${added.singular}' to ${options.name}: ${added.basePath}, table ${added.table} (migration ${String(added.migration).padStart(4, '0')})`,
  );
  return () => undefined;
}

export default resourceGenerator;
