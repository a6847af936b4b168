import { mkdtempSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ReadinessCache } from './readiness-cache.js';
import type { ReadinessEntry } from './readiness-source.js';

const root = mkdtempSync(join(tmpdir(), 'readiness-cache-'));
const folder = { path: join(root, 'svc'), dir: 'services/svc' };
mkdirSync(join(folder.path, 'docs'), { recursive: true });
writeFileSync(join(folder.path, 'docs', 'A.md'), 'a');
afterAll(() => rmSync(root, { recursive: true, force: true }));
const entry = { service: 'svc', level: 'L1' } as ReadinessEntry;
const day = new Date('2026-12-03T10:00:00Z');

describe('ReadinessCache', () => {
  it('returns a result while the service folder is unchanged, and not after a file changed', () => {
    const cache = new ReadinessCache(join(root, 'cache'), day);
    const key = cache.key(folder);
    cache.set(folder, key, entry);
    expect(cache.get(folder, cache.key(folder))).toEqual(entry);
    writeFileSync(join(folder.path, 'docs', 'A.md'), 'b');
    utimesSync(join(folder.path, 'docs', 'A.md'), new Date(), new Date(Date.now() + 5000));
    expect(cache.get(folder, cache.key(folder))).toBeUndefined();
  });

  it('does not carry a result over to the next day (freshness windows count in days)', () => {
    const today = new ReadinessCache(join(root, 'cache2'), day);
    today.set(folder, today.key(folder), entry);
    const tomorrow = new ReadinessCache(join(root, 'cache2'), new Date('2026-12-04T10:00:00Z'));
    expect(tomorrow.get(folder, tomorrow.key(folder))).toBeUndefined();
  });
});
