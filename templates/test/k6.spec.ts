/**
 * load/<name>.k6.js and the `load` target's runner (load/run-load.mjs): the k6 script type-checks against
 * @types/k6 and carries the SLO thresholds; the runner really runs an autocannon baseline against a local
 * HTTP server that behaves like the service's API, judges it against the thresholds and writes reports/load/.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { templatesRoot } from '../src/index.js';
import { loadThresholds } from '../src/index.js';
import { ordersModel } from './bundle-fixture.js';
import { renderBundle } from './render-bundle.js';

// Type-checking and real load runs take seconds, more on a busy CI machine.
vi.setConfig({ testTimeout: 60_000 });

const model = ordersModel('t1');
const files = renderBundle(model, ['k6']);
const script = files.get('load/orders.k6.js')!;
const runner = files.get('load/run-load.mjs')!;

// Inside the package, so `@types/k6` and `autocannon` resolve from the rendered files like in a workspace.
mkdirSync(join(templatesRoot, 'node_modules', '.tmp'), { recursive: true });
const dir = mkdtempSync(join(templatesRoot, 'node_modules', '.tmp', 'load-'));
for (const [path, content] of files) {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), content);
}
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the k6 script', () => {
  it('renders the script, the runner and the k6-operator TestRun only', () => {
    expect([...files.keys()].sort()).toEqual([
      'load/orders.k6.js',
      'load/orders.testrun.yaml',
      'load/run-load.mjs',
    ]);
  });

  it('type-checks against @types/k6 (checkJs, strict)', () => {
    const file = join(dir, 'load', 'orders.k6.js');
    const program = ts.createProgram([file], {
      allowJs: true,
      checkJs: true,
      noEmit: true,
      strict: true,
      target: ts.ScriptTarget.ES2020,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      types: ['k6'],
      lib: ['lib.es2020.d.ts'],
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map(
        (d) =>
          `${d.file ? d.file.fileName.slice(dir.length) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
      );
    expect(diagnostics).toEqual([]);
    // The check really resolved k6's types (an unknown module would be an error above, but make it explicit).
    expect(program.getSourceFiles().some((f) => /@types[\\/]k6[\\/]http/.test(f.fileName))).toBe(true);
  });

  it('a type error in the script is caught by the same check', () => {
    const bad = join(dir, 'load', 'bad.k6.js');
    writeFileSync(bad, script.replace('http.get(`${COLLECTION}?limit=20`,', 'http.get(42,'));
    const program = ts.createProgram([bad], {
      allowJs: true,
      checkJs: true,
      noEmit: true,
      strict: true,
      target: ts.ScriptTarget.ES2020,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      types: ['k6'],
      lib: ['lib.es2020.d.ts'],
    });
    expect(ts.getPreEmitDiagnostics(program).length).toBeGreaterThan(0);
    rmSync(bad);
  });

  it('takes its thresholds from the SLOs and has stages, checks and per-VU idempotency keys', () => {
    const t = loadThresholds(model);
    expect(script).toContain(`http_req_duration: ['p(95)<${t.p95Ms}', 'p(99)<${t.p99Ms}']`);
    expect(script).toContain(`http_req_failed: ['rate<${t.maxErrorRate}']`);
    for (const profile of ['baseline', 'stress', 'soak']) {
      expect(script).toMatch(new RegExp(`  ${profile}: \\[\\n(\\s+\\{ duration: [^}]+\\},\\n){3,4}\\s+\\]`));
    }
    expect(script).toContain('stages: PROFILES[PROFILE],');
    expect(script).toContain("'Idempotency-Key': key");
    expect(script).toContain('exec.vu.idInTest');
    expect(script).toContain('__ENV.LOAD_TOKEN');
    expect(script.match(/check\(res,/g)).toHaveLength(3);
    expect(runner).toContain(
      `const THRESHOLDS = { p95Ms: ${t.p95Ms}, p99Ms: ${t.p99Ms}, maxErrorRate: ${t.maxErrorRate} };`,
    );
  });

  const k6OnPath = spawnSync('k6', ['version'], { stdio: 'ignore' }).status === 0;
  if (!k6OnPath)
    console.log('k6 is not on PATH: `k6 inspect` is skipped (the script is type-checked against @types/k6)');
  it.skipIf(!k6OnPath)('k6 inspect accepts the script', () => {
    const run = spawnSync('k6', ['inspect', join(dir, 'load', 'orders.k6.js')], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
  });
});

interface FakeApi {
  server: Server;
  url: string;
  keys: string[];
  failLists: boolean;
  /** Added to every list answer. */
  delayMs: number;
}

async function fakeApi(): Promise<FakeApi> {
  const api: FakeApi = { server: createServer(), url: '', keys: [], failLists: false, delayMs: 0 };
  const ids = new Set<string>();
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  api.server.on('request', (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      if (req.method === 'GET' && path === '/health/ready') return json(res, 200, { status: 'ready' });
      if (req.headers.authorization !== 'Bearer test-token')
        return json(res, 401, { code: 'UNAUTHENTICATED' });
      if (req.method === 'POST' && path === '/api/v1/orders') {
        const key = req.headers['idempotency-key'];
        if (typeof key !== 'string') return json(res, 400, { code: 'IDEMPOTENCY_KEY_MISSING' });
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { name?: string };
        if (!body.name) return json(res, 400, { code: 'VALIDATION_FAILED' });
        api.keys.push(key);
        const id = randomUUID();
        ids.add(id);
        return json(res, 201, { id, ...body, version: 1 });
      }
      if (req.method === 'GET' && path === '/api/v1/orders?limit=20') {
        if (api.failLists) return json(res, 500, { code: 'INTERNAL' });
        setTimeout(() => json(res, 200, { items: [], nextCursor: null }), api.delayMs);
        return;
      }
      const item = /^\/api\/v1\/orders\/([0-9a-f-]{36})$/.exec(path);
      if (req.method === 'GET' && item)
        return ids.has(item[1]) ? json(res, 200, { id: item[1] }) : json(res, 404, {});
      return json(res, 404, { code: 'NOT_FOUND' });
    });
  });
  await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve));
  api.url = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
  return api;
}

function runLoad(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(dir, 'load', 'run-load.mjs'), ...args], {
      cwd: dir,
      env: { ...process.env, LOAD_URL: '', LOAD_TOKEN: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const summary = () => JSON.parse(readFileSync(join(dir, 'reports', 'load', 'summary.json'), 'utf8'));

describe('the load runner (autocannon baseline)', () => {
  let api: FakeApi;
  const base = () => [
    '--url',
    api.url,
    '--token',
    'test-token',
    '--engine',
    'autocannon',
    '--duration',
    '1',
    '--connections',
    '2',
  ];
  beforeAll(async () => {
    api = await fakeApi();
  });
  afterAll(() => new Promise<void>((resolve) => api.server.close(() => resolve())));

  it('runs the mix, writes reports/load/summary.json and passes within the thresholds', async () => {
    const run = await runLoad([...base(), '--record']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^orders load \(autocannon\): \d+ requests, p95 [\d.]+ ms, p99 [\d.]+ ms, errors 0\.00 % — PASS\n$/,
    );
    const report = summary();
    expect(report).toMatchObject({
      tool: 'autocannon',
      service: 'orders',
      target: api.url,
      pass: true,
      failures: [],
    });
    expect(report.thresholds).toEqual(loadThresholds(model));
    expect(report.requests).toBeGreaterThan(10);
    expect(report.latencyMs.p99).toBeGreaterThanOrEqual(report.latencyMs.p95);
    expect(Object.keys(report.statusCodes).sort()).toEqual(['200', '201']);
    // Creates and reads back really happened, each create with its own Idempotency-Key.
    expect(api.keys.length).toBeGreaterThan(2);
    expect(new Set(api.keys).size).toBe(api.keys.length);
    const baseline = JSON.parse(readFileSync(join(dir, 'reports', 'load', 'baseline.json'), 'utf8'));
    expect(baseline.startedAt).toBe(report.startedAt);
  });

  const writeBaseline = (p95: number) =>
    writeFileSync(
      join(dir, 'reports', 'load', 'baseline.json'),
      JSON.stringify({
        startedAt: '2026-01-01T00:00:00.000Z',
        latencyMs: { p50: p95, p95, p99: p95, max: p95 },
      }),
    );

  it('compares a later run with the recorded baseline', async () => {
    writeBaseline(200);
    const run = await runLoad(base());
    expect(run.code).toBe(0);
    expect(summary().baseline).toEqual({ startedAt: '2026-01-01T00:00:00.000Z', p95Ms: 200 });
  });

  it('fails (exit 1) when p95 is more than 20 % slower than the baseline', async () => {
    writeBaseline(2);
    api.delayMs = 30;
    try {
      const run = await runLoad(base());
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/FAIL: p95 \d+ % slower than the baseline \(2 ms\)/);
      expect(summary().latencyMs.p95).toBeGreaterThanOrEqual(30);
    } finally {
      api.delayMs = 0;
      rmSync(join(dir, 'reports', 'load', 'baseline.json'));
    }
  });

  it('fails (exit 1) when the error rate breaks the SLO', async () => {
    api.failLists = true;
    try {
      const run = await runLoad(base());
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('FAIL: error rate');
      expect(summary()).toMatchObject({ pass: false });
      expect(summary().statusCodes['500']).toBeDefined();
    } finally {
      api.failLists = false;
    }
  });

  it('says in one line that the target is unreachable (exit 2)', async () => {
    const closed = await fakeApi();
    const url = closed.url;
    await new Promise<void>((resolve) => closed.server.close(() => resolve()));
    const run = await runLoad(['--url', url, '--token', 'x', '--engine', 'autocannon']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `load: ${url} is not reachable: start it with \`npx nx serve orders\` or pass --url\n`,
    );
  });

  it('runs stress and soak profiles with k6 only, saying so in one line (exit 2)', async () => {
    const run = await runLoad([...base(), '--profile', 'soak']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'load: --profile soak needs k6 (the autocannon fallback runs the baseline only)\n',
    );
  });

  it('refuses a bad flag in one line (exit 2)', async () => {
    const run = await runLoad(['--duration', 'soon', '--url', api.url]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('--duration');
  });
});
