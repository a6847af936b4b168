/**
 * End to end, the way a platform engineer uses it: in a fresh temp workspace whose node_modules links this
 * repo's (so @shipshape/* are this checkout's packages), `nx g @shipshape/generators:service` and
 * `…:resource` (a second aggregate), then the service's own build and tests through Nx (on PGlite, and on a
 * real PostgreSQL server when its binaries are installed), then it is started on its embedded defaults (PGlite in .data/),
 * every route and probe is hit over real HTTP, it is stopped with SIGTERM, and `shipshape lint` and
 * `shipshape conformance` run against it (skipped, with the reason printed, while the CLI lacks them).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPostgresBinDir, startPostgres } from '@shipshape/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = join(__dirname, '..', '..');
const cli = join(repo, 'packages', 'cli', 'bin', 'shipshape.js');
const NAME = 'payments';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nxBinPath = (require('nx/package.json') as { bin: { nx: string } }).bin.nx;
const RESOURCE = 'payment';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function run(
  cmd: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
  timeout = 180_000,
): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      cmd,
      args,
      {
        cwd,
        timeout,
        maxBuffer: 64 * 1024 * 1024,
        env: {
          ...process.env,
          NX_DAEMON: 'false',
          NX_NO_CLOUD: 'true',
          NX_TUI: 'false',
          CI: 'true',
          NO_COLOR: '1',
          FORCE_COLOR: '0',
          ...env,
        },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, ''); // eslint-disable-line no-control-regex
        resolve({ code, stdout: plain(stdout), stderr: plain(stderr) });
      },
    );
  });
}

const tail = (r: Result) => `${r.stdout}\n${r.stderr}`.split('\n').slice(-40).join('\n');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Whether the workspace CLI has a command (the integrator adds them over time). */
async function cliHas(command: string): Promise<boolean> {
  if (!existsSync(cli)) return false;
  const help = await run(process.execPath, [cli, '--help'], repo);
  return new RegExp(`^\\s+${command}\\b`, 'm').test(help.stdout + help.stderr);
}

describe(`a generated service (${NAME}) in a fresh workspace`, () => {
  let ws: string;
  let dir: string;

  const nxBin = () => join(ws, 'node_modules', 'nx', nxBinPath);

  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'shipshape-e2e-'));
    dir = join(ws, 'services', NAME);
    writeFileSync(
      join(ws, 'package.json'),
      JSON.stringify(
        { name: 'e2e-workspace', private: true, type: 'module', workspaces: ['services/*'] },
        null,
        2,
      ),
    );
    writeFileSync(
      join(ws, 'nx.json'),
      JSON.stringify({
        neverConnectToCloud: true,
        analytics: false,
        useDaemonProcess: false,
        tui: { enabled: false },
      }),
    );
    for (const f of ['tsconfig.base.json', 'eslint.config.mjs', '.prettierrc.json']) {
      copyFileSync(join(repo, f), join(ws, f));
    }
    symlinkSync(join(repo, 'node_modules'), join(ws, 'node_modules'), 'dir');
  });

  afterAll(() => {
    if (ws && process.env.SHIPSHAPE_E2E_KEEP !== '1') rmSync(ws, { recursive: true, force: true });
  });

  it('nx g @shipshape/generators:service writes the service', async () => {
    const r = await run(
      process.execPath,
      [
        nxBin(),
        'g',
        '@shipshape/generators:service',
        NAME,
        '--resource',
        RESOURCE,
        '--no-interactive',
        '--skipInstall',
      ],
      ws,
    );
    expect(r.code, tail(r)).toBe(0);
    for (const f of [
      'src/app.ts',
      'openapi/payments.yaml',
      'migrations/0001_payments.sql',
      '.shipshape/manifest.json',
    ]) {
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
    expect(existsSync(join(ws, '.github/workflows/payments.yml'))).toBe(true);
  });

  it('nx g @shipshape/generators:resource adds a second aggregate (If-Match required on it)', async () => {
    const r = await run(
      process.execPath,
      [
        nxBin(),
        'g',
        '@shipshape/generators:resource',
        'refund',
        '--project',
        NAME,
        '--ifMatch',
        'required',
        '--no-interactive',
      ],
      ws,
    );
    expect(r.code, tail(r)).toBe(0);
    expect(readFileSync(join(dir, 'src/refund/refund.routes.ts'), 'utf8')).toContain(
      'const IF_MATCH_REQUIRED = true;',
    );
    expect(existsSync(join(dir, 'migrations/0002_refunds.sql'))).toBe(true);
    expect(readFileSync(join(dir, 'src/app.ts'), 'utf8')).toContain('await refundRoutes(api);');
  });

  it('refuses bad input with one line and writes nothing', async () => {
    const r = await run(
      process.execPath,
      [nxBin(), 'g', '@shipshape/generators:service', 'Bad_Name', '--no-interactive', '--skipInstall'],
      ws,
    );
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain("invalid service name 'Bad_Name'");
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(join(ws, 'services', 'Bad_Name'))).toBe(false);
  });

  it('builds and passes its own tests through Nx', async () => {
    const nx = nxBin();
    const build = await run(process.execPath, [nx, 'run', `${NAME}:build`, '--outputStyle=stream'], ws);
    expect(build.code, tail(build)).toBe(0);
    expect(existsSync(join(dir, 'dist/main.js'))).toBe(true);
    const test = await run(process.execPath, [nx, 'run', `${NAME}:test`, '--outputStyle=stream'], ws);
    expect(test.code, tail(test)).toBe(0);
    expect(test.stdout).toMatch(/Tests\s+\d+ passed/);
  });

  it('passes its own tests on a real PostgreSQL server too', async (ctx) => {
    const bin = findPostgresBinDir();
    if (!bin.available) {
      console.log(`skipped: no PostgreSQL server binaries (${bin.reason})`);
      ctx.skip();
    }
    const pg = await startPostgres();
    try {
      const url = await pg.createDatabase('e2e_service');
      const test = await run(process.execPath, [nxBin(), 'run', `${NAME}:test`, '--outputStyle=stream'], ws, {
        SHIPSHAPE_TEST_DATABASE_URL: url,
      });
      expect(test.code, tail(test)).toBe(0);
      expect(test.stdout).toMatch(/Tests\s+\d+ passed/);
    } finally {
      await pg.cleanup();
    }
  });

  describe('running on its embedded defaults (PGlite in .data/)', () => {
    let child: ChildProcess;
    let base: string;
    let logs = '';
    let auth: Record<string, string>;

    beforeAll(async () => {
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      };
      delete env.DATABASE_URL;
      delete env.NATS_URL;
      child = spawn(process.execPath, ['dist/main.js'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout?.on('data', (d) => (logs += d));
      child.stderr?.on('data', (d) => (logs += d));
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`the service exited (${child.exitCode}):\n${logs}`);
        try {
          if ((await fetch(`${base}/health/ready`)).status === 200) break;
        } catch {
          // not listening yet
        }
        if (Date.now() > deadline) throw new Error(`not ready after 60 s:\n${logs}`);
        await new Promise((r) => setTimeout(r, 250));
      }
      const token = await run(process.execPath, [cli, 'token', dir, '--tenant', 'e2e-tenant'], repo);
      expect(token.code, tail(token)).toBe(0);
      auth = { authorization: `Bearer ${token.stdout.trim().split(/\s+/).pop()}` };
    });

    afterAll(async () => {
      if (child && child.exitCode === null) child.kill('SIGKILL');
    });

    it('answers the probes', async () => {
      expect((await fetch(`${base}/health/live`)).status).toBe(200);
      expect((await fetch(`${base}/health/ready`)).status).toBe(200);
      expect((await fetch(`${base}/health`)).status).toBe(200);
      const metrics = await fetch(`${base}/metrics`);
      expect(metrics.status).toBe(200);
      expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    });

    it('serves every route of the spec', async () => {
      const url = `${base}/api/v1/payments`;
      const key = randomUUID();
      const post = () =>
        fetch(url, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify({ name: 'first payment', quantity: 1 }),
        });
      const created = await post();
      expect(created.status).toBe(201);
      const body = (await created.json()) as { id: string };
      expect(created.headers.get('location')).toBe(`/api/v1/payments/${body.id}`);
      const replay = await post();
      expect(replay.status).toBe(201);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');

      const list = await fetch(`${url}?limit=10`, { headers: auth });
      expect(list.status).toBe(200);
      expect(((await list.json()) as { items: { id: string }[] }).items.map((i) => i.id)).toContain(body.id);

      const get = await fetch(`${url}/${body.id}`, { headers: auth });
      expect(get.status).toBe(200);

      const patch = await fetch(`${url}/${body.id}`, {
        method: 'PATCH',
        headers: { ...auth, 'content-type': 'application/merge-patch+json' },
        body: JSON.stringify({ name: 'renamed' }),
      });
      expect(patch.status).toBe(200);
      expect(((await patch.json()) as { name: string }).name).toBe('renamed');

      const del = await fetch(`${url}/${body.id}`, { method: 'DELETE', headers: auth });
      expect(del.status).toBe(204);
      const gone = await fetch(`${url}/${body.id}`, { headers: auth });
      expect(gone.status).toBe(404);
      expect(gone.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(((await gone.json()) as { code: string }).code).toBe('ACME.PAYMENTS.PAYMENT_NOT_FOUND');

      expect((await fetch(url)).status).toBe(401);

      // the aggregate added by the resource generator is served too
      const refund = await fetch(`${base}/api/v1/refunds`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify({ name: 'first refund' }),
      });
      expect(refund.status).toBe(201);
      expect(refund.headers.get('etag')).toBe('"1"');
      const refunds = await fetch(`${base}/api/v1/refunds`, { headers: auth });
      expect(((await refunds.json()) as { items: unknown[] }).items).toHaveLength(1);
      // its PATCH requires If-Match: 428 without it, 412 with a stale one, 200 and the next ETag with the current one
      const refundUrl = `${base}/api/v1/refunds/${((await refund.json()) as { id: string }).id}`;
      const patchRefund = (ifMatch?: string) =>
        fetch(refundUrl, {
          method: 'PATCH',
          headers: {
            ...auth,
            'content-type': 'application/merge-patch+json',
            ...(ifMatch ? { 'if-match': ifMatch } : {}),
          },
          body: JSON.stringify({ name: 'changed refund' }),
        });
      expect((await patchRefund()).status).toBe(428);
      expect((await patchRefund('"7"')).status).toBe(412);
      const changed = await patchRefund('"1"');
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).toBe('"2"');
    });

    it('shuts down cleanly on SIGTERM', async () => {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(existsSync(join(dir, '.data'))).toBe(true);
    });
  });

  it('lints clean under the house ruleset (shipshape lint)', async (ctx) => {
    if (!(await cliHas('lint'))) {
      console.log('skipped: `shipshape lint` is not in the workspace CLI yet');
      ctx.skip();
    }
    const r = await run(process.execPath, [cli, 'lint', dir], repo);
    expect(r.code, tail(r)).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/0 error\(s\), 0 warning\(s\)/);
  });

  it('passes the conformance suite (shipshape conformance <dir>)', async (ctx) => {
    if (!(await cliHas('conformance'))) {
      console.log('skipped: `shipshape conformance` is not in the workspace CLI yet');
      ctx.skip();
    }
    const r = await run(process.execPath, [cli, 'conformance', dir], repo);
    expect(r.code, tail(r)).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'reports/conformance/conformance.json'), 'utf8'));
    expect(report.summary.failed).toBe(0);
    expect(report.summary.passed).toBeGreaterThan(0);
  });
});
