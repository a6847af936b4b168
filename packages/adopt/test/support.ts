import { readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative, sep } from 'node:path';

// The examples as the team wrote them (copyExample's default) or as committed, adopted.
export { copyExample, EXAMPLES } from './examples.js';

/** Every file under `dir` with the sha256 of its content, `reports/` left out (tools write there). */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      const rel = relative(dir, full).split(sep).join('/');
      if (e.isDirectory()) {
        if (rel !== 'reports') walk(full);
      } else out[rel] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

export const gate = <T extends { id: string }>(gates: T[], id: string): T => {
  const found = gates.find((g) => g.id === id);
  if (!found) throw new Error(`no gate ${id}`);
  return found;
};
