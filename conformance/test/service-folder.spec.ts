import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError, memoryIO } from '@shipshape/cli-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { fixtureSpec, mintFixtureToken, startFixture } from '../fixture/app.js';
import { run } from '../src/cli.js';

/**
 * `shipshape conformance <service-dir>` reads the service descriptor: the document, the config, the report
 * folder and how to start the service come from shipshape.yaml; absent keys mean the generated layout.
 * The service here is the conformance fixture started by a shell command, laid out nothing like a generated one.
 */
let root: string;
let tenants: string[];
const serve = join(import.meta.dirname, '..', 'fixture', 'serve.ts');
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;
const fixtureCommand = (...args: string[]) =>
  [
    JSON.stringify(process.execPath),
    '--import',
    tsx,
    JSON.stringify(serve),
    '--port',
    '"$ITEMS_PORT"',
    ...args,
  ].join(' ');

interface Report {
  target: string;
  summary: { passed: number; failed: number; skipped: number };
  checks: { id: string; status: string; detail: string }[];
}

/** A service folder with a descriptor that puts everything somewhere else. */
async function adoptedService(
  name: string,
  local: Record<string, unknown>,
  extra: object = {},
): Promise<string> {
  const dir = join(root, name);
  await mkdir(join(dir, 'contracts'), { recursive: true });
  await mkdir(join(dir, 'settings'), { recursive: true });
  await writeFile(join(dir, 'contracts', 'items.yaml'), fixtureSpec());
  // a config that changes a verdict (health.live passes unless skipped), so the report proves it was read
  await writeFile(join(dir, 'settings', 'conformance.json'), JSON.stringify({ skip: ['health.live'] }));
  await writeFile(
    join(dir, 'shipshape.yaml'),
    stringify({
      descriptorVersion: 1,
      name: 'items',
      api: { openapi: ['contracts/items.yaml'], asyncapi: [] },
      local: {
        healthUrl: 'http://127.0.0.1:{port}/health/live',
        portEnv: 'ITEMS_PORT',
        conformanceConfig: 'settings/conformance.json',
        ...local,
      },
      reports: { conformance: 'evidence/conformance' },
      ...extra,
    }),
  );
  return dir;
}

const readReport = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as Report;
const readyUrl = (lines: string[]) => /is ready at (http:\/\/127\.0\.0\.1:\d+)/.exec(lines.join('\n'))?.[1];

async function gone(pid: number, deadlineMs = 20_000): Promise<boolean> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'shipshape-conformance-service-'));
  tenants = [
    '--tenant',
    `tenant-a=${await mintFixtureToken('tenant-a')}`,
    '--tenant',
    `tenant-b=${await mintFixtureToken('tenant-b')}`,
  ];
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('shipshape conformance <service-dir> with a descriptor', () => {
  it('starts local.command on local.portEnv, waits for local.healthUrl, uses api.openapi and the config, writes reports.conformance, stops it', async () => {
    const dir = await adoptedService('clean', { command: fixtureCommand() });
    const io = memoryIO({ cwd: root });
    const code = await run(['clean', ...tenants], io);
    const report = await readReport(join(dir, 'evidence', 'conformance', 'conformance.json'));
    expect(report.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual([]);
    expect(code).toBe(0);
    expect(report.summary.passed).toBeGreaterThan(40);
    expect(report.checks.find((c) => c.id === 'health.live')).toMatchObject({
      status: 'skip',
      detail: 'disabled in config ("skip")',
    });
    expect(existsSync(join(dir, 'reports'))).toBe(false); // not the generated layout's folder
    expect(existsSync(join(dir, 'evidence', 'conformance', 'service.log'))).toBe(true);
    expect(io.stdout[0]).toBe(
      'conformance: items (clean/shipshape.yaml): document clean/contracts/items.yaml, config clean/settings/conformance.json, reports clean/evidence/conformance',
    );
    const url = readyUrl(io.stdout);
    expect(report.target).toBe(url);
    await expect(fetch(`${url}/health/live`)).rejects.toThrow(); // stopped
  }, 120_000);

  it('the same folder with a defective service fails the check the defect breaks', async () => {
    await adoptedService('leaky', { command: fixtureCommand('--defect', 'tenant-leak-read') });
    const code = await run(['leaky', ...tenants], memoryIO({ cwd: root }));
    const report = await readReport(join(root, 'leaky', 'evidence', 'conformance', 'conformance.json'));
    expect(report.checks.find((c) => c.id === 'tenancy.read')?.status).toBe('fail');
    expect(code).toBe(1);
  }, 120_000);

  it('--openapi, --config and --report-dir still win over the descriptor', async () => {
    const fx = await startFixture();
    try {
      await adoptedService('flags', {});
      await writeFile(join(root, 'other.json'), JSON.stringify({ skip: ['health.ready'] }));
      const io = memoryIO({ cwd: root });
      const code = await run(
        [
          'flags',
          '--url',
          fx.url,
          ...tenants,
          '--openapi',
          fx.specUrl,
          '--config',
          'other.json',
          '--report-dir',
          'out',
          '--only',
          'health',
        ],
        io,
      );
      expect(code).toBe(0);
      const report = await readReport(join(root, 'out', 'conformance.json'));
      expect(report.checks.find((c) => c.id === 'health.ready')?.status).toBe('skip');
      expect(report.checks.find((c) => c.id === 'health.live')?.status).toBe('pass');
      expect(existsSync(join(root, 'flags', 'evidence'))).toBe(false);
    } finally {
      await fx.close();
    }
  });
});

describe('absent keys: the generated layout', () => {
  it('openapi/, conformance.config.json and reports/conformance/ of a folder without shipshape.yaml', async () => {
    const fx = await startFixture();
    try {
      const dir = join(root, 'plain');
      await mkdir(join(dir, 'openapi'), { recursive: true });
      await writeFile(join(dir, 'openapi', 'plain.yaml'), fixtureSpec());
      await writeFile(join(dir, 'openapi', 'fragment.yaml'), stringify({ Item: { type: 'object' } }));
      await writeFile(join(dir, 'conformance.config.json'), JSON.stringify({ skip: ['health.metrics'] }));
      const io = memoryIO({ cwd: root });
      expect(await run(['plain', '--url', fx.url, ...tenants, '--only', 'health'], io)).toBe(0);
      expect(io.stdout[0]).toBe(
        'conformance: plain (generated layout, no shipshape.yaml): document plain/openapi/plain.yaml, config plain/conformance.config.json, reports plain/reports/conformance',
      );
      const report = await readReport(join(dir, 'reports', 'conformance', 'conformance.json'));
      expect(report.checks.find((c) => c.id === 'health.metrics')?.status).toBe('skip');
    } finally {
      await fx.close();
    }
  });
});

describe('could not run: exit 2 with one line', () => {
  const failure = async (argv: string[]) => {
    const error = await run(argv, memoryIO({ cwd: root })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  };

  it('an invalid descriptor names the file and the key', async () => {
    await adoptedService('typo', { comand: 'npm start' });
    expect(await failure(['typo', ...tenants])).toBe('typo/shipshape.yaml: unknown key local.comand');
  });

  it('a start command that exits quotes its last stderr lines', async () => {
    await adoptedService('crash', {
      command: `node -e "console.error('connecting to postgres://db:5432'); console.error('FATAL: database items does not exist'); process.exit(3)"`,
    });
    const message = await failure(['crash', ...tenants]);
    expect(message).toMatch(
      /^crash: local\.command "node -e .*": the start command exited \(code 3\) before http:\/\/127\.0\.0\.1:\d+\/health\/live answered 2xx/,
    );
    expect(message).toContain(
      'its last stderr lines: connecting to postgres://db:5432 | FATAL: database items does not exist',
    );
  });

  it('a health URL that never answers 2xx: the wait is bounded, the command is stopped', async () => {
    const dir = await adoptedService('silent', {
      command: `node -e "require('fs').writeFileSync('pid', String(process.pid)); console.error('listening on 9999 instead'); setInterval(() => {}, 1000)"`,
    });
    const message = await failure(['silent', ...tenants, '--start-timeout-ms', '8000']);
    expect(message).toMatch(
      /http:\/\/127\.0\.0\.1:\d+\/health\/live did not answer 2xx within 8000 ms \(no answer\)/,
    );
    expect(message).toContain('its last stderr lines: listening on 9999 instead');
    const pid = Number(await readFile(join(dir, 'pid'), 'utf8'));
    expect(await gone(pid)).toBe(true);
  });

  it('no --url and no local.command says what to add', async () => {
    await adoptedService('nostart', {});
    expect(await failure(['nostart', ...tenants])).toBe(
      'nostart: no --url and no local.command in its shipshape.yaml: say how to start the service (local.command) or give --url',
    );
  });

  it('several OpenAPI documents and none named after the service: choose one', async () => {
    const dir = join(root, 'twodocs');
    await mkdir(join(dir, 'openapi'), { recursive: true });
    await writeFile(join(dir, 'openapi', 'a.yaml'), fixtureSpec());
    await writeFile(join(dir, 'openapi', 'b.yaml'), fixtureSpec());
    expect(await failure(['twodocs', '--url', 'http://127.0.0.1:9', ...tenants])).toBe(
      'twodocs: 2 OpenAPI documents at openapi/ (the generated layout) (openapi/a.yaml, openapi/b.yaml): choose one with --openapi',
    );
  });

  it('a folder that does not exist', async () => {
    expect(await failure(['nowhere', ...tenants])).toBe('service folder not found: nowhere');
  });
});
