import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIO, UsageError } from '@shipshape/cli-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { run } from '../src/cli.js';
import { asyncapi, openapi } from './documents.js';

let root: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'pipe' }).toString().trim();

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'shipshape-diff-'));
  const svc = join(root, 'services', 'orders');
  await mkdir(join(svc, 'openapi'), { recursive: true });
  await mkdir(join(svc, 'asyncapi'), { recursive: true });
  await writeFile(join(svc, 'openapi', 'orders.yaml'), stringify(openapi()));
  await writeFile(join(svc, 'asyncapi', 'orders.yaml'), stringify(asyncapi()));
  await writeFile(join(root, 'old.yaml'), stringify(openapi()));
  const changed = openapi();
  delete changed.paths['/api/v1/orders/{orderId}'];
  await writeFile(join(root, 'new.yaml'), stringify(changed));
  const bumped = structuredClone(changed);
  bumped.info.version = '2.0.0';
  await writeFile(join(root, 'bumped.yaml'), stringify(bumped));
  git('init', '-q');
  git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', '.');
  git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '-m', 'base');
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('shipshape diff <old> <new>', () => {
  it('exits 1 on a breaking change without a major bump, one line per change', async () => {
    const io = memoryIO({ cwd: root });
    expect(await run(['old.yaml', 'new.yaml'], io)).toBe(1);
    expect(io.stdout).toEqual([
      'new.yaml#/paths/~1api~1v1~1orders~1{orderId} breaking path-removed path /api/v1/orders/{orderId} removed',
    ]);
    expect(io.stderr).toEqual([
      'new.yaml: 1 breaking, 0 warning, 0 info (1.4.0 → 1.4.0) FAIL: breaking change without a major version bump',
    ]);
  });

  it('exits 0 when the major version was bumped', async () => {
    const io = memoryIO({ cwd: root });
    expect(await run(['old.yaml', 'bumped.yaml'], io)).toBe(0);
    expect(io.stderr[0]).toContain('ok: breaking changes allowed by the major version bump');
  });

  it('exits 0 on identical documents and prints JSON with --format json', async () => {
    const io = memoryIO({ cwd: root });
    expect(await run(['old.yaml', 'old.yaml', '--format', 'json'], io)).toBe(0);
    expect(JSON.parse(io.stdout.join('\n'))).toMatchObject({
      kind: 'openapi',
      breaking: 0,
      nonBreaking: 0,
      changes: [],
      failed: false,
    });
  });

  it('cannot run (usage error, exit 2) on bad arguments or unreadable specs', async () => {
    const io = memoryIO({ cwd: root });
    await expect(run(['old.yaml'], io)).rejects.toThrow(UsageError);
    await expect(run(['old.yaml', 'missing.yaml'], io)).rejects.toThrow(
      `cannot read ${join(root, 'missing.yaml')}`,
    );
    await expect(run(['old.yaml', 'services/orders/asyncapi/orders.yaml'], io)).rejects.toThrow(
      'cannot compare openapi with asyncapi',
    );
    await expect(run(['old.yaml', 'new.yaml', '--format', 'html'], io)).rejects.toThrow(
      '--format must be one of text, json, markdown, sarif (got "html")',
    );
  });
});

describe('shipshape diff --base <ref> <service-dir>', () => {
  it('exits 0 when nothing changed since the ref, and writes diff.json evidence', async () => {
    const io = memoryIO({ cwd: root });
    expect(await run(['--base', 'HEAD', 'services/orders'], io)).toBe(0);
    expect(io.stderr).toHaveLength(2);
    const evidence = JSON.parse(
      await readFile(join(root, 'services', 'orders', 'reports', 'diff', 'diff.json'), 'utf8'),
    );
    expect(evidence).toMatchObject({ tool: 'shipshape-diff', base: 'HEAD' });
    expect(
      evidence.specs.map((s: { report: { gate: string; failed: boolean } }) => [
        s.report.gate,
        s.report.failed,
      ]),
    ).toEqual([
      ['api.versioning', false],
      ['events.schema_registry', false],
    ]);
  });

  it('compares each spec of the service with its version at the ref', async () => {
    const doc = asyncapi();
    delete doc.channels.orderCreated;
    delete doc.operations.publishOrderCreated;
    await writeFile(join(root, 'services', 'orders', 'asyncapi', 'orders.yaml'), stringify(doc));
    const io = memoryIO({ cwd: root });
    expect(await run(['--base', 'HEAD', 'services/orders'], io)).toBe(1);
    expect(io.stdout).toEqual([
      'services/orders/asyncapi/orders.yaml#/channels/orderCreated breaking channel-removed channel orderCreated removed',
      'services/orders/asyncapi/orders.yaml#/operations/publishOrderCreated breaking operation-removed operation publishOrderCreated removed',
    ]);
    await writeFile(join(root, 'services', 'orders', 'asyncapi', 'orders.yaml'), stringify(asyncapi()));
  });

  it('counts a deleted spec as breaking', async () => {
    await rm(join(root, 'services', 'orders', 'openapi', 'orders.yaml'));
    const io = memoryIO({ cwd: root });
    expect(await run(['--base', 'HEAD', 'services/orders', '--format', 'json'], io)).toBe(1);
    const reports = JSON.parse(io.stdout.join('\n'));
    expect(
      reports.map((r: { file: string; report: { failed: boolean } }) => [r.file, r.report.failed]),
    ).toEqual([
      ['services/orders/asyncapi/orders.yaml', false],
      ['services/orders/openapi/orders.yaml', true],
    ]);
    await writeFile(join(root, 'services', 'orders', 'openapi', 'orders.yaml'), stringify(openapi()));
  });

  it('rejects an unknown ref and a folder outside git', async () => {
    await expect(run(['--base', 'no-such-ref', 'services/orders'], memoryIO({ cwd: root }))).rejects.toThrow(
      'unknown git ref no-such-ref',
    );
    const outside = await mkdtemp(join(tmpdir(), 'shipshape-nogit-'));
    await expect(run(['--base', 'HEAD', outside], memoryIO())).rejects.toThrow(
      'is not inside a git repository',
    );
    await rm(outside, { recursive: true });
  });
});
