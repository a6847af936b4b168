import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findNatsServer, MissingBinaryError } from './binaries.js';
import { freePort, waitForPort } from './free-port.js';

export interface StartNatsOptions {
  /** Port to listen on (127.0.0.1 only). Default: a free port. */
  port?: number;
  /** Enable JetStream (default true). */
  jetstream?: boolean;
}

export interface NatsServer {
  /** `nats://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Throwaway directory holding the JetStream store. */
  readonly storeDir: string;
  readonly running: boolean;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s); the JetStream store is kept. */
  stop(): Promise<void>;
  /** Starts it again on the same port and store (for outage tests). */
  start(): Promise<void>;
  /** Stops the server if it runs and deletes the store. */
  cleanup(): Promise<void>;
}

const children = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of children) child.kill('SIGKILL');
  });
}

/**
 * Starts `nats-server [-js] -a 127.0.0.1 -p <port> --store_dir <tmp>` and waits until it accepts
 * connections. Throws MissingBinaryError with an install hint when nats-server is absent.
 */
export async function startNats(options: StartNatsOptions = {}): Promise<NatsServer> {
  const bin = findNatsServer();
  if (!bin.available) throw new MissingBinaryError(bin.reason);
  const storeDir = await mkdtemp(join(tmpdir(), 'shipshape-nats-'));
  const port = options.port ?? (await freePort());
  const args = ['-a', '127.0.0.1', '-p', String(port), '--store_dir', storeDir];
  if (options.jetstream !== false) args.unshift('-js');

  let child: ChildProcess | undefined;
  let output = '';

  const start = async (): Promise<void> => {
    if (child) return;
    output = '';
    const proc = spawn(bin.path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-4000);
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    child = proc;
    children.add(proc);
    installExitHook();
    const exited = new Promise<never>((_, reject) => {
      proc.once('exit', (code, signal) => {
        reject(
          new Error(
            `nats-server exited (${signal ?? code}) while starting: ${output.trim().split('\n').slice(-3).join(' | ')}`,
          ),
        );
      });
      proc.once('error', reject);
    });
    try {
      await Promise.race([waitForPort(port, 15_000), exited]);
    } catch (err) {
      proc.kill('SIGKILL');
      children.delete(proc);
      child = undefined;
      throw err;
    }
    proc.once('exit', () => {
      children.delete(proc);
      if (child === proc) child = undefined;
    });
  };

  const stop = async (): Promise<void> => {
    const proc = child;
    if (!proc) return;
    if (proc.exitCode === null && proc.signalCode === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
        proc.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        proc.kill('SIGTERM');
      });
    }
    children.delete(proc);
    child = undefined;
  };

  try {
    await start();
  } catch (err) {
    await rm(storeDir, { recursive: true, force: true });
    throw err;
  }

  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    get running() {
      return child !== undefined;
    },
    start,
    stop,
    async cleanup(): Promise<void> {
      try {
        await stop();
      } finally {
        await rm(storeDir, { recursive: true, force: true });
      }
    },
  };
}
