import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Folders that never hold a service's own artifacts. */
const SKIP = new Set([
  'node_modules',
  '.git',
  'dist',
  'build',
  'coverage',
  'reports',
  '.data',
  '.nx',
  'tmp',
  '.shipshape',
]);
const MAX_DEPTH = 8;

/** Every file under `root` (relative, `/`-separated, sorted), skipping dependency and output folders. */
export function walk(root: string): string[] {
  const files: string[] = [];
  const visit = (dir: string, rel: string, depth: number) => {
    if (depth > MAX_DEPTH) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIP.has(entry.name)) visit(join(dir, entry.name), path, depth + 1);
      } else if (entry.isFile()) files.push(path);
    }
  };
  visit(root, '', 0);
  return files.sort();
}

export const dirOf = (path: string): string =>
  path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
export const baseOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1);
