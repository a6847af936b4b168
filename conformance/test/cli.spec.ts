import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError, memoryIO } from '@shipshape/cli-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixture, type RunningFixture } from '../fixture/app.js';
import { run } from '../src/cli.js';

let clean: RunningFixture;
let broken: RunningFixture;
let dir: string;

beforeAll(async () => {
  [clean, broken] = await Promise.all([
    startFixture(),
    startFixture({ defects: ['tenant-leak-read', 'plain-text-errors'] }),
  ]);
  dir = await mkdtemp(join(tmpdir(), 'shipshape-conformance-cli-'));
});
afterAll(async () => {
  await Promise.all([clean.close(), broken.close()]);
  await rm(dir, { recursive: true, force: true });
});

const tenants = (fx: RunningFixture) => [
  '--tenant',
  `tenant-a=${fx.tokens.a}`,
  '--tenant',
  `tenant-b=${fx.tokens.b}`,
];

async function metricsOf(fx: RunningFixture): Promise<string> {
  const res = await fetch(`${fx.url}/metrics`);
  return res.text();
}

describe('shipshape conformance', () => {
  it('exits 0 against a conforming service and writes the three reports', async () => {
    const io = memoryIO({ cwd: dir });
    const code = await run(
      ['--url', clean.url, '--openapi', clean.specUrl, ...tenants(clean), '--report-dir', 'out'],
      io,
    );
    expect(code).toBe(0);
    const json = JSON.parse(await readFile(join(dir, 'out', 'conformance.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(Object.keys(json)).toEqual([
      'tool',
      'version',
      'target',
      'startedAt',
      'durationMs',
      'summary',
      'profile',
      'cleanup',
      'checks',
    ]);
    expect(json.target).toBe(clean.url);
    const checks = json.checks as Array<Record<string, unknown>>;
    expect(Object.keys(checks[0]!)).toEqual([
      'id',
      'area',
      'title',
      'status',
      'gate',
      'profile',
      'severity',
      'detail',
      'evidence',
    ]);
    // The run opens with what it chose.
    expect(io.stdout).toContain('  prefix: /api/v1 (detected from the paths and servers)');
    expect(io.stdout).toContain(
      '  auth: header authorization: Bearer <credential> — securitySchemes.bearerAuth (http bearer)',
    );
    expect((json.summary as { failed: number }).failed).toBe(0);
    const junit = await readFile(join(dir, 'out', 'junit.xml'), 'utf8');
    expect(junit).toMatch(/^<\?xml version="1.0"/);
    expect(junit).toContain('<testsuite name="tenancy"');
    const summary = await readFile(join(dir, 'out', 'summary.md'), 'utf8');
    expect(summary).toContain('## Wall time per area');
    expect(summary).toMatch(/\| tracing \| \d+\.\d\d s \|/);
    expect(io.stdout.at(-2)).toMatch(/^\d+ passed, 0 failed, \d+ skipped in/);
    expect(io.stdout.some((l) => l.startsWith('PASS health.live'))).toBe(true);
  });

  it('exits 1 with failures grouped by area, each with a curl line', async () => {
    const io = memoryIO({ cwd: dir });
    const code = await run(
      ['--url', broken.url, '--openapi', broken.specUrl, ...tenants(broken), '--report-dir', 'broken'],
      io,
    );
    expect(code).toBe(1);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/FAIL {2}tenancy\.read/);
    expect(text).toMatch(/FAIL {2}errors\.media_type/);
    const md = await readFile(join(dir, 'broken', 'summary.md'), 'utf8');
    expect(md).toContain('## Failures: how to reproduce');
    expect(md).toContain('"Authorization: Bearer $TOKEN_TENANT_B"');
    const junit = await readFile(join(dir, 'broken', 'junit.xml'), 'utf8');
    expect(junit).toContain('<failure message=');
  });

  it('--read-only sends nothing but reads', async () => {
    const fx = await startFixture();
    try {
      const io = memoryIO({ cwd: dir });
      const code = await run(
        ['--url', fx.url, '--openapi', fx.specUrl, ...tenants(fx), '--read-only', '--report-dir', 'ro'],
        io,
      );
      expect(code).toBe(0);
      const metrics = await metricsOf(fx);
      expect(metrics).toMatch(/method="GET"/);
      expect(metrics).not.toMatch(/method="(POST|PATCH|PUT|DELETE)"/);
      const json = JSON.parse(await readFile(join(dir, 'ro', 'conformance.json'), 'utf8')) as {
        checks: Array<{ id: string; status: string; detail: string }>;
      };
      expect(json.checks.find((c) => c.id === 'idempotency.replay')).toMatchObject({
        status: 'skip',
        detail: '--read-only: this check writes',
      });
    } finally {
      await fx.close();
    }
  });

  it('--only runs the named areas and check ids', async () => {
    const io = memoryIO({ cwd: dir });
    await run(
      [
        '--url',
        clean.url,
        '--openapi',
        clean.specUrl,
        ...tenants(clean),
        '--only',
        'health,tracing.fresh',
        '--report-dir',
        'only',
      ],
      io,
    );
    const json = JSON.parse(await readFile(join(dir, 'only', 'conformance.json'), 'utf8')) as {
      checks: Array<{ id: string }>;
    };
    expect(json.checks.map((c) => c.id)).toEqual([
      'health.live',
      'health.ready',
      'health.components',
      'health.metrics',
      'health.outside_api',
      'tracing.fresh',
    ]);
  });

  it('leaves nothing behind on the target', async () => {
    const fx = await startFixture();
    try {
      await run(
        ['--url', fx.url, '--openapi', fx.specUrl, ...tenants(fx), '--report-dir', 'tidy'],
        memoryIO({ cwd: dir }),
      );
      expect(await metricsOf(fx)).toMatch(/^fixture_items 0$/m);
    } finally {
      await fx.close();
    }
  });

  it('draws one live line per area on a TTY', async () => {
    const io = memoryIO({ cwd: dir, isTTY: true });
    await run(
      [
        '--url',
        clean.url,
        '--openapi',
        clean.specUrl,
        ...tenants(clean),
        '--only',
        'health,versioning',
        '--report-dir',
        'tty',
      ],
      io,
    );
    expect(io.stdout.some((l) => l.includes('\u001b[2A'))).toBe(true);
    expect(io.stdout.some((l) => l.includes('\u001b[2K  health       done'))).toBe(true);
  });

  it('reads a token from the environment with $NAME', async () => {
    const io = memoryIO({ cwd: dir, env: { TOKEN_A: clean.tokens.a, TOKEN_B: clean.tokens.b } });
    const code = await run(
      [
        '--url',
        clean.url,
        '--openapi',
        clean.specUrl,
        '--tenant',
        'tenant-a=$TOKEN_A',
        '--tenant',
        'tenant-b=$TOKEN_B',
        '--only',
        'tenancy',
        '--report-dir',
        'env',
      ],
      io,
    );
    expect(code).toBe(0);
  });
});

describe('a spec served behind auth', () => {
  it("is read with tenant A's token from the target's own origin, and never offered elsewhere", async () => {
    const [guarded, other] = await Promise.all([startFixture({ specBehindAuth: true }), startFixture()]);
    try {
      const io = memoryIO({ cwd: dir });
      const only = ['--only', 'versioning', '--report-dir', 'guarded'];
      expect(
        await run(['--url', guarded.url, '--openapi', guarded.specUrl, ...tenants(guarded), ...only], io),
      ).toBe(0);
      const error = await run(
        ['--url', other.url, '--openapi', guarded.specUrl, ...tenants(other), ...only],
        io,
      ).catch((e: unknown) => e);
      expect((error as Error).message).toBe(`cannot read OpenAPI document ${guarded.specUrl}: HTTP 401`);
    } finally {
      await Promise.all([guarded.close(), other.close()]);
    }
  });
});

describe('could not run: exit 2 with one line', () => {
  const cases: Array<[string, () => string[], RegExp]> = [
    ['no --url', () => ['--openapi', 'x.yaml', '--tenant', 'a=t'], /^--url is required$/],
    [
      'no --tenant',
      () => ['--url', clean.url, '--openapi', clean.specUrl],
      /^--tenant <id>=<token> is required/,
    ],
    [
      'a malformed --tenant',
      () => ['--url', clean.url, '--openapi', clean.specUrl, '--tenant', 'oops'],
      /must look like <id>=<credential>/,
    ],
    [
      'an unset env token',
      () => ['--url', clean.url, '--openapi', clean.specUrl, '--tenant', 'a=$NOPE_NOT_SET'],
      /environment variable NOPE_NOT_SET is not set/,
    ],
    [
      'a bad --timeout-ms',
      () => ['--url', clean.url, '--openapi', clean.specUrl, '--tenant', 'a=t', '--timeout-ms', '0'],
      /--timeout-ms must be a positive integer/,
    ],
    [
      'an unreadable spec',
      () => ['--url', clean.url, '--openapi', 'missing.yaml', '--tenant', 'a=t'],
      /^cannot read OpenAPI document .*missing\.yaml: ENOENT$/,
    ],
    [
      'a spec that is not OpenAPI 3',
      () => ['--url', clean.url, '--openapi', 'swagger.yaml', '--tenant', 'a=t'],
      /is not an OpenAPI 3\.x document|OpenAPI 2/,
    ],
    [
      'an unreachable target',
      () => ['--url', 'http://127.0.0.1:9', '--openapi', clean.specUrl, '--tenant', 'a=t'],
      /^target http:\/\/127\.0\.0\.1:9 is unreachable: ECONNREFUSED/,
    ],
    [
      'an unknown --only',
      () => ['--url', clean.url, '--openapi', clean.specUrl, '--tenant', 'a=t', '--only', 'nope'],
      /--only "nope" is neither an area/,
    ],
    [
      'a config with a typo',
      () => ['--url', clean.url, '--openapi', clean.specUrl, '--tenant', 'a=t', '--config', 'typo.json'],
      /unknown member "resorce"/,
    ],
    [
      'a config naming a missing resource',
      () => [
        '--url',
        clean.url,
        '--openapi',
        clean.specUrl,
        '--tenant',
        'a=t',
        '--config',
        'missing-resource.json',
      ],
      /names resource "\/api\/v1\/orders" but the spec has no such collection/,
    ],
  ];
  beforeAll(async () => {
    await writeFile(
      join(dir, 'swagger.yaml'),
      'swagger: "2.0"\ninfo: { title: x, version: "1" }\npaths: {}\n',
    );
    await writeFile(join(dir, 'typo.json'), JSON.stringify({ resorce: '/api/v1/items' }));
    await writeFile(join(dir, 'missing-resource.json'), JSON.stringify({ resource: '/api/v1/orders' }));
  });
  it.each(cases)('%s', async (_label, argv, message) => {
    const error = await run(argv(), memoryIO({ cwd: dir })).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as UsageError).message).toMatch(message);
    expect((error as UsageError).message).not.toContain('\n');
  });
});
