/**
 * Starts a service the way its descriptor says (`local.command`, run by the shell in the service folder with
 * `local.portEnv` set to a free port) and waits until `local.healthUrl` answers 2xx. Any service, any stack: the
 * suite only sees a command, a port and a URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { ConformanceSetupError } from '../run/setup-error.js';

export interface StartCommandOptions {
  /** The service folder: the command runs there. */
  cwd: string;
  command: string;
  /** `{port}` is replaced by the port chosen for the run. */
  healthUrl: string;
  /** Environment variable that carries the port to the command. */
  portEnv: string;
  env?: NodeJS.ProcessEnv;
  /** How long the health URL may take to answer 2xx (default 60 s). */
  timeoutMs?: number;
  /** The command's stdout and stderr go here. */
  logFile?: string;
}

export interface StartedService {
  /** Base URL of the service: the origin of its health URL. */
  url: string;
  port: number;
  healthUrl: string;
  stop(): Promise<void>;
}

/** How many of the command's last stderr lines a failure quotes. */
const TAIL_LINES = 5;

export async function startServiceCommand(options: StartCommandOptions): Promise<StartedService> {
  const port = await freePort();
  const healthUrl = options.healthUrl.replace(/\{port\}/g, String(port));
  let url: string;
  try {
    url = new URL(healthUrl).origin;
  } catch {
    throw new ConformanceSetupError(`local.healthUrl is not a URL: ${options.healthUrl}`);
  }
  const child = spawn(options.command, {
    cwd: options.cwd,
    shell: true,
    // its own process group, so stop() ends whatever the command started (npm → node, sh → …)
    detached: true,
    env: { ...process.env, ...options.env, [options.portEnv]: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr.push(
      ...chunk
        .toString('utf8')
        .split('\n')
        .filter((line) => line.trim() !== ''),
    );
    stderr.splice(0, Math.max(0, stderr.length - TAIL_LINES));
  });
  if (options.logFile) {
    mkdirSync(dirname(options.logFile), { recursive: true });
    const log = createWriteStream(options.logFile);
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
  } else {
    child.stdout?.resume();
  }
  // The group is detached, so Ctrl-C (or the runner's own end) would not reach it: forward it.
  const release = forwardEnd(child);
  const stop = async () => {
    release();
    await stopGroup(child);
  };
  try {
    await waitHealthy(healthUrl, child, options.timeoutMs ?? 60_000);
  } catch (error) {
    await stop();
    const said = stderr.length
      ? `; its last stderr lines: ${stderr.join(' | ')}`
      : '; it wrote nothing to stderr';
    throw new ConformanceSetupError(`${(error as Error).message}${said}`);
  }
  return { url, port, healthUrl, stop };
}

/** Until released: this process exiting or being interrupted ends the command's group too. */
function forwardEnd(child: ChildProcess): () => void {
  const onExit = () => signalGroup(child, 'SIGTERM');
  const onSignal = (signal: NodeJS.Signals) => {
    release();
    signalGroup(child, 'SIGTERM');
    process.kill(process.pid, signal); // then end as the signal would have
  };
  const release = () => {
    process.off('exit', onExit);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  process.on('exit', onExit);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return release;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function waitHealthy(healthUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = signal ? `signal ${signal}` : `code ${code ?? '?'}`));
  child.once('error', (error) => (exited = error.message));
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (exited !== undefined)
      throw new Error(`the start command exited (${exited}) before ${healthUrl} answered 2xx`);
    try {
      const res = await fetch(healthUrl, { signal: AbortSignal.timeout(2000) });
      await res.body?.cancel();
      if (res.status >= 200 && res.status < 300) return;
      last = `last answer ${res.status}`;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${healthUrl} did not answer 2xx within ${timeoutMs} ms (${last})`);
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    // the group is gone already
  }
}

const groupAlive = (pgid: number) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

async function groupGone(pgid: number, withinMs: number): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (groupAlive(pgid)) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/**
 * Ends everything the command started: SIGTERM to its process group (the shell may already be gone while the
 * service it started still closes), then SIGKILL after 10 s. Resolves once no process of the group is left.
 */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined) return;
  signalGroup(child, 'SIGTERM');
  if (await groupGone(child.pid, 10_000)) return;
  signalGroup(child, 'SIGKILL');
  await groupGone(child.pid, 5_000);
}
