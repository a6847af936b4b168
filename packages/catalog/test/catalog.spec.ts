import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIO } from '@shipshape/cli-kit';
import { run } from '../src/cli.js';
import type { Catalog } from '../src/model.js';

const root = new URL('../../..', import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), 'shipshape-catalog-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('shipshape catalog on the workspace', () => {
  it('writes catalog.json with services/orders at its evaluated level, and its portal files', async () => {
    const io = memoryIO();
    const code = await run(['--root', root, '--out', out, '--portal-files', 'out'], io);
    expect(code).toBe(0);
    const catalog = JSON.parse(readFileSync(join(out, 'catalog.json'), 'utf8')) as Catalog;
    const orders = catalog.services.find((s) => s.service === 'orders')!;
    expect(orders.dir).toBe('services/orders');
    expect(orders.owner).toBe('@acme/orders-team');
    expect(orders.tier).toBe('t1');
    expect(orders.gates.length).toBeGreaterThan(30);
    expect(orders.gates.every((g) => ['GREEN', 'AMBER', 'RED'].includes(g.status) && g.reason)).toBe(true);
    expect(orders.blocking.length).toBe(
      orders.gates.filter((g) => g.status !== 'GREEN' && g.level <= orders.target).length,
    );
    expect(readFileSync(join(out, 'orders', 'catalog-info.yaml'), 'utf8')).toContain(
      '$text: ./openapi/orders.yaml',
    );
    expect(readFileSync(join(out, 'orders', 'mkdocs.yml'), 'utf8')).toContain('techdocs-core');
    expect(io.stdout.join('\n')).toMatch(/orders\s+level (L\d|none) \(target L4\)/);
  }, 120_000);

  it('puts catalog-info.yaml and mkdocs.yml beside the service docs/ by default, where Backstage finds them', async () => {
    const ws = join(out, 'ws');
    cpSync(join(root, 'services', 'orders'), join(ws, 'services', 'orders'), {
      recursive: true,
      filter: (src) => !/[/\\](node_modules|\.data|dist)$/.test(src),
    });
    const code = await run(['--root', ws, '--site-url', 'https://docs.example.com/kit/'], memoryIO());
    expect(code).toBe(0);
    const info = readFileSync(join(ws, 'services', 'orders', 'catalog-info.yaml'), 'utf8');
    expect(info).toContain('url: https://docs.example.com/kit/services/orders/gates');
    expect(existsSync(join(ws, 'services', 'orders', 'mkdocs.yml'))).toBe(true);
    expect(existsSync(join(ws, 'dist', 'catalog', 'catalog.json'))).toBe(true);
  }, 120_000);

  it('rejects a site URL that is not http(s) with a usage error', async () => {
    await expect(run(['--site-url', 'docs.example.com'], memoryIO())).rejects.toThrow(/not an http\(s\) URL/);
  });
});
