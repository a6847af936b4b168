import { relative, sep } from 'node:path';
import { logger, type GeneratorCallback, type Tree } from '@nx/devkit';
import type { ReadinessResult } from '@shipshape/readiness';
import { normalizeOptions } from './lib/normalize-options';
import type { AdoptGeneratorSchema } from './schema';

/**
 * `nx g @shipshape/generators:adopt --directory <dir>`: a thin wrapper over @shipshape/adopt. The plan is made
 * from the folder on disk and written through the Nx tree (so `--dry-run` shows it and nothing is flushed);
 * every planned file is one that does not exist, and the tree is asked again before each write. The level
 * after adoption is judged once Nx has written the files.
 */
export async function adoptGenerator(tree: Tree, schema: AdoptGeneratorSchema): Promise<GeneratorCallback> {
  const options = normalizeOptions(tree, schema);
  // Loaded on use: adopting judges readiness (PGlite, Spectral), which creating a service must not install.
  const { formatResult, planAdoption, topGaps } = await needed(() => import('@shipshape/adopt'));
  const { evaluateReadiness } = await needed(() => import('@shipshape/readiness'));
  const plan = planAdoption(options.serviceDir);
  const before = options.evaluate ? await evaluateReadiness(options.serviceDir) : undefined;
  for (const file of plan.files) {
    const path = relative(tree.root, file.file).split(sep).join('/');
    if (path.startsWith('../')) {
      logger.warn(`skipped ${file.path}: outside the workspace`);
      continue;
    }
    if (!tree.exists(path)) tree.write(path, file.content);
  }
  const report = (after?: ReadinessResult) =>
    formatResult(
      {
        plan,
        written: [],
        ...(before ? { before: before.level } : {}),
        ...(after ? { after: after.level } : {}),
        gaps: topGaps((after ?? before)?.gates ?? [], 5),
        readiness: {},
      },
      !after,
    )
      .filter((line) => !line.startsWith('  would add') && !line.startsWith('  added'))
      .forEach((line) => logger.info(line));
  if (!options.evaluate) {
    report();
    return () => undefined;
  }
  // Runs after Nx flushed the files (never on --dry-run).
  return async () => report(await evaluateReadiness(options.serviceDir));
}

/** The optional peer packages of the adopt generator, with one line saying how to install them when absent. */
async function needed<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (
      (error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND' &&
      (error as { code?: string }).code !== 'MODULE_NOT_FOUND'
    )
      throw error;
    throw new Error(
      'the adopt generator needs @shipshape/adopt and @shipshape/readiness: npm i -D @shipshape/adopt @shipshape/readiness',
    );
  }
}

export default adoptGenerator;
