import { join, normalize } from 'node:path';
import type { Tree } from '@nx/devkit';
import type { AdoptGeneratorSchema } from '../schema';

export interface NormalizedAdoptOptions {
  /** Workspace-relative, `/`-separated, no trailing slash. */
  directory: string;
  /** Absolute path on disk. */
  serviceDir: string;
  evaluate: boolean;
}

export function normalizeOptions(tree: Tree, schema: AdoptGeneratorSchema): NormalizedAdoptOptions {
  const directory = normalize(schema.directory ?? '')
    .split('\\')
    .join('/')
    .replace(/^\.\/|\/+$/g, '');
  if (!directory || directory === '.' || directory.startsWith('../') || directory.startsWith('/')) {
    throw new Error(`--directory must be a folder inside the workspace (got '${schema.directory ?? ''}')`);
  }
  if (!tree.exists(directory) || tree.isFile(directory)) {
    throw new Error(`--directory ${directory} is not a folder of this workspace`);
  }
  return { directory, serviceDir: join(tree.root, directory), evaluate: schema.skipReadiness !== true };
}
