import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticSite } from './static-server.js';

let dir: string;
let site: StaticSite;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'static-'));
  mkdirSync(join(dir, 'catalog'));
  writeFileSync(join(dir, 'index.html'), 'home');
  writeFileSync(join(dir, 'catalog', 'index.html'), 'catalog');
  writeFileSync(join(dir, 'catalog', 'matrix.html'), 'matrix');
  site = await serveStatic(dir, { base: '/kit/' });
});
afterAll(async () => {
  await site.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = async (path: string) => {
  const res = await fetch(new URL(path, site.url), { redirect: 'manual' });
  return { status: res.status, body: await res.text() };
};

describe('serveStatic', () => {
  it('serves cleanUrls paths by trying path.html and path/index.html under the base', async () => {
    expect(await get('/kit/')).toEqual({ status: 200, body: 'home' });
    expect(await get('/kit/catalog/')).toEqual({ status: 200, body: 'catalog' });
    expect(await get('/kit/catalog/matrix')).toEqual({ status: 200, body: 'matrix' });
    expect(await get('/kit/catalog/matrix.html')).toEqual({ status: 200, body: 'matrix' });
  });

  it('answers 404 outside the site and never leaves its folder', async () => {
    expect((await get('/kit/nope')).status).toBe(404);
    expect((await get('/kit/../../etc/passwd')).status).toBe(404);
    expect((await get('/elsewhere')).status).toBe(404);
  });
});
