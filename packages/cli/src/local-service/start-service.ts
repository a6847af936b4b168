import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { UsageError } from '@shipshape/cli-kit';
import getPort from 'get-port';

export interface StartOptions {
  /** The generated service folder. */
  dir: string;
  /** Where the service's own log lines go (a file); defaults to discarding them. */
  logFile?: string;
  /** Extra environment on top of the embedded defaults. */
  env?: NodeJS.ProcessEnv;
  /** How long to wait for the health URL to answer 200. */
  readyTimeoutMs?: number;
  /** The readiness URL, `{port}` for the port chosen (the descriptor's local.healthUrl); default /health/ready. */
  healthUrl?: string;
}

export interface LocalService {
  url: string;
  port: number;
  pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * Starts a generated service as a child process on its embedded defaults: a free port on 127.0.0.1, in-memory
 * PGlite (DATABASE_URL=memory://), no NATS (outbox rows wait). Runs dist/main.js when the service is built, else
 * src/main.ts through tsx. Resolves once the health URL (default GET /health/ready) answers 200.
 */
export async function startLocalService(options: StartOptions): Promise<LocalService> {
  const { dir } = options;
  const built = join(dir, 'dist', 'main.js');
  const source = join(dir, 'src', 'main.ts');
  let args: string[];
  if (existsSync(built)) args = [built];
  else if (existsSync(source)) args = ['--import', tsxLoader(), source];
  else throw new UsageError(`${dir} has neither dist/main.js nor src/main.ts: is it a generated service?`);

  const port = await getPort({ host: '127.0.0.1' });
  const child = spawn(process.execPath, args, {
    cwd: dir,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      ...options.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: options.env?.DATABASE_URL ?? 'memory://',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const recent: string[] = [];
  const keep = (chunk: Buffer) => {
    recent.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    recent.splice(0, Math.max(0, recent.length - 20));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  if (options.logFile) {
    mkdirSync(dirname(options.logFile), { recursive: true });
    const log = createWriteStream(options.logFile);
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
  }

  const url = `http://127.0.0.1:${port}`;
  const stop = () => stopChild(child);
  try {
    const health = (options.healthUrl ?? 'http://127.0.0.1:{port}/health/ready').replace(
      /\{port\}/g,
      String(port),
    );
    await waitReady(health, child, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    await stop();
    const tail = recent.slice(-5).join(' | ');
    throw new UsageError(`${(error as Error).message}${tail ? ` — service said: ${tail}` : ''}`);
  }
  return { url, port, pid: child.pid, stop };
}

function tsxLoader(): string {
  // tsx runs the service's TypeScript sources directly when it has not been built.
  const require = createRequire(import.meta.url);
  return pathToImport(require.resolve('tsx/esm'));
}

function pathToImport(path: string): string {
  return new URL(`file://${path}`).href;
}

async function waitReady(health: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`the service exited with code ${exited} before it was ready`);
    try {
      const res = await fetch(health, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`the service did not become ready at ${health} within ${timeoutMs} ms`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}
