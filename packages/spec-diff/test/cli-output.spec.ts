import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIO } from '@shipshape/cli-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { run } from '../src/cli.js';
import { openapi } from './documents.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'shipshape-diff-out-'));
  await mkdir(join(root, '.git')); // the config search stops here
  await writeFile(join(root, 'old.yaml'), stringify(openapi()));
  const changed = openapi();
  delete changed.paths['/api/v1/orders/{orderId}'];
  changed.paths['/api/v1/orders'].get.parameters.pop(); // a warning: parameter-removed
  await writeFile(join(root, 'new.yaml'), stringify(changed));
  const warned = openapi();
  warned.paths['/api/v1/orders'].get.parameters.pop();
  await writeFile(join(root, 'warned.yaml'), stringify(warned));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const ITEM = '/paths/~1api~1v1~1orders~1{orderId}';

describe('--format', () => {
  it('markdown: one table per spec with both pointers', async () => {
    const io = memoryIO({ cwd: root });
    expect(await run(['old.yaml', 'new.yaml', '--format', 'markdown'], io)).toBe(1);
    const page = io.stdout.join('\n');
    expect(page).toContain('## new.yaml');
    expect(page).toContain(
      `| breaking | \`path-removed\` | \`${ITEM}\` | \`/paths\` | path /api/v1/orders/{orderId} removed |`,
    );
    expect(page).toContain('| warning | `parameter-removed` |');
  });

  it('sarif: 2.1.0, a result per change with its level, rule and the line in the new file', async () => {
    const io = memoryIO({ cwd: root });
    expect(await run(['old.yaml', 'new.yaml', '--format', 'sarif'], io)).toBe(1);
    const log = JSON.parse(io.stdout.join('\n'));
    expect(log.version).toBe('2.1.0');
    const [runLog] = log.runs;
    expect(runLog.tool.driver.rules.map((r: { id: string }) => r.id).sort()).toEqual([
      'parameter-removed',
      'path-removed',
    ]);
    const results = runLog.results.map(
      (r: {
        ruleId: string;
        level: string;
        locations: { physicalLocation: { region: { startLine: number } } }[];
      }) => [r.ruleId, r.level, r.locations[0].physicalLocation.region.startLine],
    );
    const lines = stringify(openapi()).split('\n');
    const pathsLine = lines.indexOf('paths:') + 1;
    const listLine = lines.findIndex((l) => l.startsWith('  /api/v1/orders:')) + 1;
    expect(results[0]).toEqual(['path-removed', 'error', pathsLine]);
    expect(results[1][0]).toBe('parameter-removed');
    expect(results[1][1]).toBe('warning');
    expect(results[1][2]).toBeGreaterThan(listLine);
  });
});

describe('--fail-on', () => {
  it('breaking (default): a warning alone passes; warning: it fails', async () => {
    expect(await run(['old.yaml', 'warned.yaml'], memoryIO({ cwd: root }))).toBe(0);
    const io = memoryIO({ cwd: root });
    expect(await run(['old.yaml', 'warned.yaml', '--fail-on', 'warning'], io)).toBe(1);
    expect(io.stderr[0]).toContain('FAIL: warnings fail this run (--fail-on warning)');
  });
});

describe('per-service downgrades (shipshape.yaml diff.downgrades)', () => {
  it('downgrade a rule with a reason: the change stays visible, marked, and no longer fails', async () => {
    const svc = join(root, 'svc');
    await mkdir(join(svc, 'openapi'), { recursive: true });
    await writeFile(join(svc, 'openapi', 'old.yaml'), stringify(openapi()));
    const changed = openapi();
    delete changed.paths['/api/v1/orders/{orderId}'];
    await writeFile(join(svc, 'openapi', 'new.yaml'), stringify(changed));
    await writeFile(
      join(svc, 'shipshape.yaml'),
      stringify({
        diff: {
          downgrades: [
            {
              rule: 'path-removed',
              to: 'warning',
              reason: 'no client calls it (access logs, 90 days)',
              pointer: ITEM,
            },
          ],
        },
      }),
    );
    const io = memoryIO({ cwd: svc });
    expect(await run(['openapi/old.yaml', 'openapi/new.yaml'], io)).toBe(0);
    expect(io.stdout).toEqual([
      `openapi/new.yaml#${ITEM} warning path-removed path /api/v1/orders/{orderId} removed (downgraded from breaking: no client calls it (access logs, 90 days))`,
    ]);
    expect(
      await run(['openapi/old.yaml', 'openapi/new.yaml', '--fail-on', 'warning'], memoryIO({ cwd: svc })),
    ).toBe(1);
  });

  it('a downgrade elsewhere (another pointer) does not apply', async () => {
    const cfg = join(root, 'other.yaml');
    await writeFile(
      cfg,
      stringify({
        diff: { downgrades: [{ rule: 'path-removed', to: 'info', reason: 'x', pointer: '/paths/~1other' }] },
      }),
    );
    expect(await run(['old.yaml', 'new.yaml', '--config', 'other.yaml'], memoryIO({ cwd: root }))).toBe(1);
  });

  it('refuses a downgrade without a reason, or of an unknown rule', async () => {
    await writeFile(
      join(root, 'bad.yaml'),
      stringify({ diff: { downgrades: [{ rule: 'path-removed', to: 'info' }] } }),
    );
    await expect(
      run(['old.yaml', 'new.yaml', '--config', 'bad.yaml'], memoryIO({ cwd: root })),
    ).rejects.toThrow('diff.downgrades[0]: a reason is required');
    await writeFile(
      join(root, 'bad.yaml'),
      stringify({ diff: { downgrades: [{ rule: 'path-gone', to: 'info', reason: 'x' }] } }),
    );
    await expect(
      run(['old.yaml', 'new.yaml', '--config', 'bad.yaml'], memoryIO({ cwd: root })),
    ).rejects.toThrow('unknown rule path-gone');
  });
});
