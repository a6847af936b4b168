import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIO, UsageError } from '@shipshape/cli-kit';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from './cli.js';

const root = mkdtempSync(join(tmpdir(), 'adopt-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('shipshape adopt: what it refuses with one line', () => {
  it('needs exactly one folder', async () => {
    await expect(run([], memoryIO({ cwd: root }))).rejects.toThrow(
      new UsageError('one service directory is required (shipshape adopt <dir>)'),
    );
  });

  it('names a folder that does not exist', async () => {
    await expect(run(['nowhere'], memoryIO({ cwd: root }))).rejects.toThrow(
      new UsageError('service folder not found: nowhere'),
    );
  });

  it('refuses --gaps that is not a count', async () => {
    await expect(run(['.', '--gaps', 'many'], memoryIO({ cwd: root }))).rejects.toThrow(
      new UsageError('--gaps must be a whole number (got many)'),
    );
  });

  it('names the key of an invalid shipshape.yaml rather than overwriting it', async () => {
    const dir = join(root, 'bad');
    mkdirSync(dir);
    writeFileSync(join(dir, 'shipshape.yaml'), 'descriptorVersion: 1\nname: bad\ndata: { tenancy: rls }\n');
    await expect(run(['bad', '--dry-run'], memoryIO({ cwd: root }))).rejects.toThrow(
      new UsageError('shipshape.yaml: data.tenancy must be one of row-level, none (got "rls")'),
    );
  });

  it('--format json: what it found, the files it added and why, the levels and gaps', async () => {
    const dir = join(root, 'tiny');
    mkdirSync(join(dir, 'api'), { recursive: true });
    writeFileSync(
      join(dir, 'api', 'openapi.yaml'),
      'openapi: 3.1.0\ninfo: { title: Tiny, version: 1.0.0 }\npaths: {}\n',
    );
    const io = memoryIO({ cwd: root });
    expect(await run(['tiny', '--format', 'json', '--gaps', '2'], io)).toBe(0);
    const out = JSON.parse(io.stdout.join('\n')) as Record<string, unknown> & {
      gaps: unknown[];
      written: string[];
    };
    expect(out).toMatchObject({ service: 'tiny', dryRun: false, descriptorExisted: false });
    expect(out.found).toEqual(['OpenAPI document api/openapi.yaml']);
    expect(out.written).toContain('shipshape.yaml');
    expect(out.written).toContain('README.md');
    expect(out.gaps).toHaveLength(2);
    expect(out.notes).toContain(
      'no problem `code` enum in the OpenAPI document: no error registry to derive',
    );
  });

  it('prints its help', async () => {
    const io = memoryIO({ cwd: root });
    expect(await run(['--help'], io)).toBe(0);
    expect(io.stdout.join('\n')).toContain(
      'Usage: shipshape adopt <service-dir> [--dry-run] [--gaps <n>] [--format text|json]',
    );
  });
});
