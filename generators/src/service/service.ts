import {
  installPackagesTask,
  logger,
  readJson,
  runTasksInSerial,
  type GeneratorCallback,
  type Tree,
} from '@nx/devkit';
import { applyModel, buildModel } from '../lib/model';
import { normalizeOptions } from './lib/normalize-options';
import type { ServiceGeneratorSchema } from './schema';

/** `*` matches one path segment, `**` any number of them (the npm `workspaces` glob forms). */
function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/\/+$/, '')
    .split('/')
    .map((seg) => (seg === '**' ? '.*' : seg.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')))
    .join('/');
  return new RegExp(`^${body}$`);
}

/** A warning when the root package.json has npm workspaces that do not include the service directory. */
export function workspacesHint(tree: Tree, directory: string): string | undefined {
  if (!tree.exists('package.json')) return undefined;
  const { workspaces } = readJson<{ workspaces?: string[] | { packages?: string[] } }>(tree, 'package.json');
  const globs = Array.isArray(workspaces) ? workspaces : workspaces?.packages;
  if (!globs || globs.some((g) => globToRegExp(g).test(directory))) return undefined;
  return `${directory} is not in the root package.json workspaces (${globs.join(', ')}): add it so npm links the service and its @shipshape/runtime dependency`;
}

export async function serviceGenerator(
  tree: Tree,
  schema: ServiceGeneratorSchema,
): Promise<GeneratorCallback> {
  const options = normalizeOptions(tree, schema);
  const model = buildModel(options);
  await applyModel(tree, options, model);

  const hint = workspacesHint(tree, options.directory);
  if (hint) logger.warn(hint);
  const tasks: GeneratorCallback[] = [];
  if (!options.skipInstall) tasks.push(() => installPackagesTask(tree, true));
  return runTasksInSerial(...tasks);
}

export default serviceGenerator;
