import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export interface ServiceFolder {
  /** Absolute path. */
  path: string;
  /** Relative to the workspace root, forward slashes. */
  dir: string;
}

/**
 * The services of a workspace: every folder under `services/` (or the given folder, relative to the root) that is a Shipshape service (it has a
 * generator manifest or a `type:service` Nx project tag). Sorted by folder name so output is stable.
 */
export function discoverServices(root: string, servicesDir = 'services'): ServiceFolder[] {
  const base = resolve(root, servicesDir);
  if (!existsSync(base)) return [];
  return readdirSync(base, { withFileTypes: true })
    .filter((e) => e.isDirectory() && isService(join(base, e.name)))
    .map((e) => ({ path: join(base, e.name), dir: relative(root, join(base, e.name)).split('\\').join('/') }))
    .sort((a, b) => a.dir.localeCompare(b.dir));
}

function isService(dir: string): boolean {
  if (existsSync(join(dir, '.shipshape', 'manifest.json'))) return true;
  const project = join(dir, 'project.json');
  if (!existsSync(project)) return false;
  try {
    const tags = (JSON.parse(readFileSync(project, 'utf8')) as { tags?: string[] }).tags ?? [];
    return tags.includes('type:service');
  } catch {
    return false;
  }
}
