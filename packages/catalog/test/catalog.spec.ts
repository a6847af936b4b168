import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIO, UsageError } from '@shipshape/cli-kit';
import { run } from '../src/cli.js';
import type { Catalog } from '../src/model.js';

const root = new URL('../../..', import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), 'shipshape-catalog-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('shipshape catalog on the workspace', () => {
  it('writes catalog.json with services/orders and the adopted examples at their evaluated level, and their portal files', async () => {
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

    // The adopted examples sit beside orders, their artifacts where their shipshape.yaml puts them.
    const notes = catalog.services.find((s) => s.service === 'notes-api')!;
    expect(notes).toMatchObject({ dir: 'examples/notes-api', adopted: true });
    expect(notes.artifacts.openapi).toEqual(['api/openapi.yaml']);
    expect(notes.artifacts.alerts).toEqual(['monitoring/alerts.yml']);
    expect(notes.artifacts.runbooks).toEqual(['runbooks/notes-api-down.md', 'runbooks/notes-api-errors.md']);
    expect(readFileSync(join(out, 'notes-api', 'catalog-info.yaml'), 'utf8')).toContain(
      '$text: ./api/openapi.yaml',
    );
    const iam = catalog.services.find((s) => s.service === 'iam-service')!;
    expect(iam).toMatchObject({ dir: 'examples/iam-service', adopted: true, tier: 't0' });
    expect(iam.owner).toBe('@melmastoon/iam-team');
    expect(iam.artifacts.runbooks).toEqual([
      'ops/runbooks/iam-high-error-rate.md',
      'ops/runbooks/iam-token-signing-failures.md',
    ]);
    expect(iam.artifacts.bundle.SERVICE_OVERVIEW).toBe('docs/overview.md');
    expect(iam.artifacts.alerts).toEqual(['ops/prometheus/iam-service.rules.yaml']);
    expect(orders.adopted).toBeUndefined();
    expect(io.stdout.join('\n')).toMatch(/notes-api\s+level (L\d|none) \(target L\d\)/);
  }, 240_000);

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

  it('names an invalid shipshape.yaml in one line', async () => {
    const ws = join(out, 'bad');
    cpSync(join(root, 'examples', 'notes-api'), join(ws, 'examples', 'notes-api'), { recursive: true });
    writeFileSync(
      join(ws, 'examples', 'notes-api', 'shipshape.yaml'),
      'descriptorVersion: 1\nname: Notes API\n',
    );
    const error = await run(['--root', ws], memoryIO()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/^examples\/notes-api\/shipshape\.yaml: name must match/);
  });

  it('rejects a site URL that is not http(s) with a usage error', async () => {
    await expect(run(['--site-url', 'docs.example.com'], memoryIO())).rejects.toThrow(/not an http\(s\) URL/);
  });
});
