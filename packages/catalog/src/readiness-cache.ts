import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CATALOG_FILE } from '@shipshape/readiness';
import type { ServiceFolder } from './discover.js';
import type { ReadinessEntry } from './readiness-source.js';

/** Bumped whenever the shape of a cached entry changes. */
const FORMAT = 'readiness-cache-2';
const SKIP = new Set(['node_modules', '.data', 'dist', '.nx', 'coverage']);

/**
 * Remembers readiness results between builds of the site. A result is reused only while nothing it could
 * depend on changed: every file of the service folder (path, size, modification time), the gate catalog, the
 * versions of the evaluator and the linter, and the day (freshness windows count in days). `now` is fixed per
 * build, so a cached entry is never older than the day it was judged.
 */
export class ReadinessCache {
  private readonly salt: string;
  constructor(
    readonly dir: string,
    now: Date,
  ) {
    const require = createRequire(import.meta.url);
    const version = (pkg: string) => (require(`${pkg}/package.json`) as { version: string }).version;
    this.salt = [
      FORMAT,
      now.toISOString().slice(0, 10),
      hash(readFileSync(CATALOG_FILE)),
      version('@shipshape/readiness'),
      version('@shipshape/lint'),
    ].join('|');
  }

  private file(folder: ServiceFolder) {
    return join(this.dir, `${hash(folder.path).slice(0, 24)}.json`);
  }

  key(folder: ServiceFolder): string {
    const parts: string[] = [this.salt];
    const walk = (dir: string, rel: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
        a.name.localeCompare(b.name),
      )) {
        if (SKIP.has(e.name)) continue;
        const path = join(dir, e.name);
        if (e.isDirectory()) walk(path, `${rel}${e.name}/`);
        else if (e.isFile()) {
          const st = statSync(path);
          parts.push(`${rel}${e.name}:${st.size}:${st.mtimeMs}`);
        }
      }
    };
    walk(folder.path, '');
    return hash(parts.join('\n'));
  }

  get(folder: ServiceFolder, key: string): ReadinessEntry | undefined {
    const file = this.file(folder);
    if (!existsSync(file)) return undefined;
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { key: string; entry: ReadinessEntry };
      return saved.key === key ? saved.entry : undefined;
    } catch {
      return undefined;
    }
  }

  set(folder: ServiceFolder, key: string, entry: ReadinessEntry): void {
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(this.file(folder), JSON.stringify({ key, entry }));
  }
}

const hash = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
