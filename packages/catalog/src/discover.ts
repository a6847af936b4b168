import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { DESCRIPTOR_FILE } from '@shipshape/contracts';

export interface ServiceFolder {
  /** Absolute path. */
  path: string;
  /** Relative to the workspace root, forward slashes. */
  dir: string;
}

/**
 * Where a workspace keeps its services: `services/` (generated) and `examples/` (services Shipshape did not
 * generate, brought under the gates by `shipshape adopt`).
 */
export const SERVICE_DIRS: readonly string[] = ['services', 'examples'];

/**
 * The services of a workspace: every folder directly under each of `servicesDirs` (relative to the root) that
 * is a Shipshape service — it has a service descriptor (`shipshape.yaml`), a generator manifest or a
 * `type:service` Nx project tag. Sorted by folder so output is stable.
 */
export function discoverServices(
  root: string,
  servicesDirs: string | readonly string[] = SERVICE_DIRS,
): ServiceFolder[] {
  const found: ServiceFolder[] = [];
  for (const servicesDir of typeof servicesDirs === 'string' ? [servicesDirs] : servicesDirs) {
    const base = resolve(root, servicesDir);
    if (!existsSync(base)) continue;
    for (const e of readdirSync(base, { withFileTypes: true })) {
      const path = join(base, e.name);
      if (e.isDirectory() && isService(path))
        found.push({ path, dir: relative(root, path).split('\\').join('/') });
    }
  }
  return found.sort((a, b) => a.dir.localeCompare(b.dir));
}

function isService(dir: string): boolean {
  if (existsSync(join(dir, DESCRIPTOR_FILE))) return true;
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
