import { logger, type GeneratorCallback, type Tree } from '@nx/devkit';
import { applyModel, buildModel } from '../lib/model';
import { fromManifest } from '../lib/options';
import { findServices } from './lib/find-services';
import type { SyncGeneratorSchema } from './schema';

/**
 * Re-renders Shipshape services with the installed templates, each from its own manifest (the way an
 * already-generated service gets template changes). A service where an edited file would change is left
 * untouched and named in one line; the others are updated.
 */
export async function syncGenerator(tree: Tree, schema: SyncGeneratorSchema): Promise<GeneratorCallback> {
  const only = schema.projects
    ?.split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const services = findServices(tree, only && only.length > 0 ? only : undefined);
  if (services.length === 0) {
    logger.info('no Shipshape service in this workspace (no project has a .shipshape/manifest.json)');
    return () => undefined;
  }
  const skipped: string[] = [];
  for (const { project, root, manifest } of services) {
    const options = fromManifest(
      manifest,
      root,
      {
        force: schema.force === true,
        skipFormat: schema.skipFormat === true,
      },
      tree,
    );
    try {
      await applyModel(tree, options, buildModel(options));
      logger.info(`${project}: up to date with the templates of @shipshape/generators`);
    } catch (error) {
      const message = (error as Error).message;
      if (!message.startsWith('refusing to overwrite')) throw error;
      // writeService refuses before writing anything, so this service is left exactly as it was
      skipped.push(project);
      logger.warn(`${project}: skipped, ${message}`);
    }
  }
  if (skipped.length === services.length) {
    throw new Error(
      `no service synced: ${skipped.join(', ')} have edited files the templates would change (--force overwrites)`,
    );
  }
  return () => undefined;
}

export default syncGenerator;
