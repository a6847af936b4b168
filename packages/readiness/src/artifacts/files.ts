import { existsSync, statSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** `a/b/c` relative to `base`, with forward slashes (how evidence names files). */
export function relPath(base: string, file: string): string {
  return relative(base, file).split(sep).join('/');
}

export async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

export function isDir(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

export function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

const SKIP = new Set(['node_modules', 'dist', '.data', '.git', 'reports', 'coverage', '.nx']);

/** Files under `dir` (recursively, skipping build output and dependencies), sorted, as absolute paths. */
export async function listFiles(
  dir: string,
  accept: (name: string) => boolean = () => true,
): Promise<string[]> {
  const out: string[] = [];
  const walk = async (current: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP.has(entry.name)) await walk(full);
      } else if (entry.isFile() && accept(entry.name)) out.push(full);
    }
  };
  await walk(dir);
  return out.sort();
}

/** The most recently modified of `files` (undefined when none exists). */
export async function newest(files: string[]): Promise<{ file: string; mtime: Date } | undefined> {
  let best: { file: string; mtime: Date } | undefined;
  for (const file of files) {
    const info = await stat(file).catch(() => undefined);
    if (info && (!best || info.mtime > best.mtime)) best = { file, mtime: info.mtime };
  }
  return best;
}

/** Parses `30d`, `12w`, `1y` into milliseconds (undefined when it is not such a duration). */
export function durationMs(text: string): number | undefined {
  const match = /^(\d+)\s*([dwy])$/.exec(text.trim());
  if (!match) return undefined;
  const days = Number(match[1]) * { d: 1, w: 7, y: 365 }[match[2] as 'd' | 'w' | 'y'];
  return days * 86_400_000;
}

export function days(ms: number): number {
  return Math.floor(ms / 86_400_000);
}
