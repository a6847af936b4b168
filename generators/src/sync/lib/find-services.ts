/** The Shipshape services of a workspace: projects whose root holds a generator manifest. */
import { getProjects, type Tree } from '@nx/devkit';
import { readManifest, type Manifest } from '../../utils/manifest';

export interface FoundService {
  project: string;
  root: string;
  manifest: Manifest;
}

export function findServices(tree: Tree, only?: string[]): FoundService[] {
  const projects = getProjects(tree);
  for (const name of only ?? []) {
    if (!projects.has(name)) throw new Error(`no project named '${name}' in this workspace`);
  }
  const found: FoundService[] = [];
  for (const [project, config] of [...projects].sort(([a], [b]) => a.localeCompare(b))) {
    if (only && !only.includes(project)) continue;
    const manifest = readManifest(tree, config.root);
    if (manifest) found.push({ project, root: config.root, manifest });
    else if (only) throw new Error(`'${project}' is not a Shipshape service (no .shipshape/manifest.json)`);
  }
  return found;
}
