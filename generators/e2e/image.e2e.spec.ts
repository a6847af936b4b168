/**
 * What the Dockerfile's runtime stage runs, proven without a container engine: the committed example service is
 * built, pruned by the same script the Dockerfile's `prune` stage runs (scripts/prune-production.mjs), the pruned
 * folder is made read-only (the chart mounts the root filesystem read-only), and `node dist/main.js` in it starts
 * against a real PostgreSQL server (from @shipshape/testing; skipped with the reason when absent), answers
 * /health/ready with 200, and exits 0 on SIGTERM. The image target's one line without an engine is checked too.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPostgresBinDir, freePort, startPostgres } from '@shipshape/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = join(__dirname, '..', '..');
const service = join(repo, 'services', 'orders');

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  return new Promise<{ code: number; out: string }>((resolve) => {
    execFile(
      cmd,
      args,
      { cwd, env, maxBuffer: 64 * 1024 * 1024, timeout: 300_000 },
      (error, stdout, stderr) =>
        resolve({
          code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
          out: `${stdout}\n${stderr}`,
        }),
    );
  });
}

function chmodTree(path: string, mode: (isDir: boolean) => number): void {
  const s = statSync(path);
  if (s.isDirectory()) for (const e of readdirSync(path)) chmodTree(join(path, e), mode);
  if (!s.isSymbolicLink()) chmodSync(path, mode(s.isDirectory()));
}

describe('the pruned production folder of services/orders', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'shipshape-image-'));
  const prod = join(tmp, 'prod');
  let pruneOutput = '';

  beforeAll(async () => {
    const build = await run(
      process.execPath,
      [join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
      service,
    );
    expect(build.code, build.out).toBe(0);
    const prune = await run(process.execPath, [join(service, 'scripts', 'prune-production.mjs'), prod], repo);
    expect(prune.code, prune.out).toBe(0);
    pruneOutput = prune.out;
  });
  afterAll(() => {
    if (existsSync(prod)) chmodTree(prod, (dir) => (dir ? 0o755 : 0o644));
    rmSync(tmp, { recursive: true, force: true });
  });

  it('holds the service and only its production dependencies', () => {
    expect(pruneOutput).toMatch(/prune-production: services\/orders and \d+ production packages/);
    const modules = join(prod, 'node_modules');
    for (const needed of [
      'fastify',
      'pg',
      '@shipshape/runtime/dist/index.js',
      '@shipshape/runtime/migrations',
    ])
      expect(existsSync(join(modules, needed)), needed).toBe(true);
    // dev dependencies of the service, and other workspaces' dependencies, stay out
    for (const absent of [
      'vitest',
      'typescript',
      'nx',
      'autocannon',
      '@shipshape/cli',
      'ejs',
      '@stoplight',
      '@shipshape/runtime/src',
    ])
      expect(existsSync(join(modules, absent)), absent).toBe(false);
    // the helm test hook copies the spec and the conformance config out of the image
    for (const file of [
      'dist/main.js',
      'migrations',
      'errors/error-codes.yaml',
      'package.json',
      'openapi/orders.yaml',
      'conformance.config.json',
    ])
      expect(existsSync(join(prod, 'services', 'orders', file)), file).toBe(true);
    expect(existsSync(join(prod, 'services', 'orders', 'src'))).toBe(false);
  });

  it('starts read-only with node dist/main.js against PostgreSQL, is ready, and drains on SIGTERM', async (ctx) => {
    const bin = findPostgresBinDir();
    if (!bin.available) {
      console.log(`skipped: no PostgreSQL server binaries (${bin.reason})`);
      ctx.skip();
    }
    const pg = await startPostgres();
    try {
      const { url, migrationUrl } = await pg.createServiceDatabase('orders_image');
      chmodTree(prod, (dir) => (dir ? 0o555 : 0o444)); // what a read-only root filesystem gives the process
      const port = await freePort();
      const child = spawn(process.execPath, ['dist/main.js'], {
        cwd: join(prod, 'services', 'orders'),
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'production',
          DATABASE_URL: url,
          DATABASE_MIGRATION_URL: migrationUrl,
          HOST: '127.0.0.1',
          PORT: String(port),
          AUTH_JWKS_URL: 'https://127.0.0.1:9/.well-known/jwks.json', // fetched only when a token arrives
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let log = '';
      child.stdout.on('data', (d) => (log += String(d)));
      child.stderr.on('data', (d) => (log += String(d)));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      let ready: Response | undefined;
      const deadline = Date.now() + 60_000;
      while (!ready && Date.now() < deadline && child.exitCode === null) {
        ready = await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined);
        if (!ready) await new Promise((r) => setTimeout(r, 200)); // polling an event (the port opening), not a sleep-as-sync
      }
      expect(ready?.status, log).toBe(200);
      expect(await ready?.json()).toMatchObject({ checks: { database: { status: 'up' } } });
      child.kill('SIGTERM');
      expect(await exited, log).toBe(0);
      expect(log).toContain('draining in-flight requests');
    } finally {
      await pg.cleanup();
    }
  });

  const engine = ['docker', 'podman', 'buildah'].find((e) => spawnSync(e, ['--version']).status === 0);
  it('builds the image with the engine on PATH (NODE_IMAGE: a pinned base the engine can pull)', async (ctx) => {
    const base = process.env.SHIPSHAPE_NODE_IMAGE;
    if (!engine || !base) {
      console.log(
        `skipped: ${engine ? 'SHIPSHAPE_NODE_IMAGE (node:20-bookworm-slim@sha256:…) is unset' : 'no docker, podman or buildah on PATH'}`,
      );
      ctx.skip();
    }
    const result = await run(process.execPath, [join(service, 'scripts', 'build-image.mjs')], repo, {
      ...process.env,
      NODE_IMAGE: base,
      IMAGE_TAG: 'e2e',
    });
    expect(result.code, result.out).toBe(0);
  });

  it('the image target says in one line that no container engine is on PATH', async () => {
    const result = await run(process.execPath, [join(service, 'scripts', 'build-image.mjs')], repo, {
      ...process.env,
      PATH: tmp, // an empty PATH: no docker, podman or buildah
    });
    expect(result.code).toBe(0);
    expect(result.out.trim()).toBe(
      'image: no container engine on PATH (docker, podman, buildah); nothing built',
    );
  });
});
