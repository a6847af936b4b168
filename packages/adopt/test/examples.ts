/**
 * The examples are committed in their adopted state: what the team wrote (the original) plus what
 * `shipshape adopt` added, listed per example in examples/adopted.json. The tests adopt the original
 * (the example minus those files) and compare; `npm run examples -w @shipshape/adopt` refreshes them.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { adopt } from '../src/index.js';

export const EXAMPLES = join(import.meta.dirname, '..', '..', '..', 'examples');
export const ADOPTED_FILE = join(EXAMPLES, 'adopted.json');

export interface AdoptedManifest {
  description: string;
  /** Per example, the files `shipshape adopt` added to the original, relative to the example, sorted. */
  added: Record<string, string[]>;
}

export function readManifest(): AdoptedManifest {
  return JSON.parse(readFileSync(ADOPTED_FILE, 'utf8')) as AdoptedManifest;
}

/**
 * A throwaway copy of one example (the committed examples are never written to): `original` leaves out
 * every file adopt added, `adopted` is the example as committed. The copy is not inside a git repository,
 * so adopt treats the example as its repository's root (its readiness workflow goes under its own .github/).
 */
export function copyExample(
  name: string,
  state: 'original' | 'adopted' = 'original',
): { dir: string; cleanup: () => void } {
  const added = new Set(state === 'original' ? (readManifest().added[name] ?? []) : []);
  const source = join(EXAMPLES, name);
  if (!existsSync(source)) throw new Error(`no example ${name} in ${EXAMPLES}`);
  const root = mkdtempSync(join(tmpdir(), `adopt-${name}-`));
  const dir = join(root, name);
  cpSync(source, dir, {
    recursive: true,
    filter: (src) => {
      const rel = relative(source, src).split(sep).join('/');
      return !added.has(rel) && !/(^|\/)(node_modules|reports)$/.test(rel);
    },
  });
  return { dir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** Adopts a copy of the example's original: every file adopt writes, relative to the example, sorted. */
export async function adoptOriginal(name: string): Promise<{ path: string; content: string }[]> {
  const example = copyExample(name, 'original');
  try {
    const result = await adopt(example.dir, { evaluate: false });
    return result.plan.files
      .map((f) => ({ path: f.path, content: f.content }))
      .sort((a, b) => a.path.localeCompare(b.path));
  } finally {
    example.cleanup();
  }
}
