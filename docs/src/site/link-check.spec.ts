import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLinks } from './link-check.js';

let dir: string;
const put = (rel: string, html: string) => {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  writeFileSync(join(dir, rel), html);
};
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('checkLinks', () => {
  it('passes a site whose links resolve the way a cleanUrls host serves them, anchors included', async () => {
    dir = mkdtempSync(join(tmpdir(), 'links-'));
    put('index.html', '<a href="/kit/services/orders/">x</a><a href="https://example.com/">ext</a>');
    put(
      'services/orders/index.html',
      '<a href="gates#gate-a">g</a><a href="source/x.yaml.html#L2">s</a><a href="../../">home</a>',
    );
    put('services/orders/gates.html', '<tr id="gate-a"></tr>');
    put('services/orders/source/x.yaml.html', '<tr id="L1"></tr><tr id="L2"></tr>');
    const result = await checkLinks(dir, '/kit/');
    expect(result.dead).toEqual([]);
    expect(result.links).toBe(4);
  });

  it('reports a missing page, a missing anchor and a link out of the base path', async () => {
    dir = mkdtempSync(join(tmpdir(), 'links-'));
    put('index.html', '<a href="/kit/nowhere">a</a><a href="/kit/page#missing">b</a><a href="/other/">c</a>');
    put('page.html', '<h1 id="here"></h1>');
    const { dead } = await checkLinks(dir, '/kit/');
    expect(dead.map((d) => d.problem)).toEqual([
      'no such page or file',
      'no element with id "missing"',
      'outside the base path /kit/',
    ]);
  });
});
