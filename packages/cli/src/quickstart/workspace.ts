import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from '@shipshape/cli-kit';

/** The Nx workspace root at or above `from` (the folder holding nx.json). */
export function findWorkspaceRoot(from: string): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new UsageError('not inside an Nx workspace (no nx.json here or above)');
    dir = parent;
  }
}
