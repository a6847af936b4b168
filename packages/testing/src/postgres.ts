import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { findPostgresBinDir, MissingBinaryError } from './binaries.js';
import { freePort } from './free-port.js';
import { run } from './run.js';

export interface StartPostgresOptions {
  /** Port to listen on (127.0.0.1 only). Default: a free port. */
  port?: number;
  /** Extra `-c name=value` server settings, e.g. `{ max_connections: '50' }`. */
  settings?: Record<string, string>;
}

export interface PostgresServer {
  /** Connection URL of the `postgres` database as superuser `postgres` (trust auth on 127.0.0.1). */
  readonly url: string;
  readonly host: '127.0.0.1';
  readonly port: number;
  /** Throwaway directory holding the data dir, the socket and the server log. */
  readonly dir: string;
  /** Creates a database and returns its URL (isolates test files sharing one server). */
  createDatabase(name: string): Promise<string>;
  /**
   * The two-role set-up a DBA makes for a service on @shipshape/runtime (its README "Two roles"): a database owned
   * by `<name>_owner` (migrations) and a NOINHERIT login `<name>_app` (requests), both members of `shipshape_app`.
   */
  createServiceDatabase(name: string): Promise<{ url: string; migrationUrl: string }>;
  /** Stops the server (`pg_ctl stop -m fast`): open connections are terminated, data is kept. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data dir (for outage tests). */
  start(): Promise<void>;
  readonly running: boolean;
  /** Stops the server if it runs and deletes the throwaway directory. */
  cleanup(): Promise<void>;
}

const running = new Set<{ pgCtl: string[] }>();
let exitHookInstalled = false;

/** Stops servers a crashed test left behind, so no postgres outlives its test process. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const server of running) {
      try {
        execFileSync(server.pgCtl[0], [...server.pgCtl.slice(1), '-m', 'immediate', '-w', 'stop'], {
          stdio: 'ignore',
          timeout: 10_000,
        });
      } catch {
        // best effort at exit
      }
    }
  });
}

async function postgresUserIds(): Promise<{ uid: number; gid: number }> {
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  return { uid, gid };
}

/**
 * Starts a throwaway PostgreSQL server: initdb into a fresh temp dir, pg_ctl start on 127.0.0.1 and a
 * free port, trust auth, fsync off (test data only). PostgreSQL refuses to run as root, so as root the
 * data dir is owned by and the server runs as the `postgres` OS user (created by the Debian package).
 * Throws MissingBinaryError with an install hint when the binaries are absent.
 */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresServer> {
  const bin = findPostgresBinDir();
  if (!bin.available) throw new MissingBinaryError(bin.reason);
  const binDir = bin.path;
  const asRoot = userInfo().uid === 0;
  const dir = await mkdtemp(join(tmpdir(), 'shipshape-pg-'));
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'server.log');

  // As root, every server command runs as `postgres` through runuser (no shell, no quoting issues).
  const asServerUser = (program: string, args: string[]): string[] =>
    asRoot
      ? ['runuser', '-u', 'postgres', '--', join(binDir, program), ...args]
      : [join(binDir, program), ...args];

  if (asRoot) {
    let ids: { uid: number; gid: number };
    try {
      ids = await postgresUserIds();
    } catch {
      await rm(dir, { recursive: true, force: true });
      throw new MissingBinaryError(
        'running as root but there is no `postgres` OS user to run the server as; install the `postgresql` package',
      );
    }
    await chown(dir, ids.uid, ids.gid);
  }

  const port = options.port ?? (await freePort());
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    max_connections: '200',
    ...options.settings,
  };
  const serverOptions = [
    `-p ${port}`,
    `-k ${dir}`,
    ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`),
  ];
  const pgCtl = asServerUser('pg_ctl', ['-D', dataDir]);
  const handle = { pgCtl };

  const exec = async (argv: string[], timeoutMs = 60_000): Promise<void> => {
    await run(argv[0], argv.slice(1), timeoutMs);
  };

  try {
    await exec(
      asServerUser('initdb', [
        '-D',
        dataDir,
        '-A',
        'trust',
        '-U',
        'postgres',
        '-E',
        'UTF8',
        '--no-sync',
        '--locale=C',
      ]),
    );
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }

  let isRunning = false;
  const start = async (): Promise<void> => {
    if (isRunning) return;
    try {
      await exec([...pgCtl, '-o', serverOptions.join(' '), '-l', logFile, '-w', '-t', '60', 'start']);
    } catch (err) {
      const log = existsSync(logFile) ? (await import('node:fs')).readFileSync(logFile, 'utf8') : '';
      const tail = log.trim().split('\n').slice(-3).join(' | ');
      throw new Error(`${(err as Error).message}${tail ? ` (server log: ${tail})` : ''}`);
    }
    isRunning = true;
    running.add(handle);
    installExitHook();
  };
  const stop = async (): Promise<void> => {
    if (!isRunning) return;
    await exec([...pgCtl, '-m', 'fast', '-w', '-t', '60', 'stop']);
    isRunning = false;
    running.delete(handle);
  };

  try {
    await start();
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }

  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    host: '127.0.0.1',
    port,
    dir,
    get running() {
      return isRunning;
    },
    async createDatabase(name: string): Promise<string> {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
        throw new Error(`database name "${name}" must match [a-z_][a-z0-9_]{0,62}`);
      }
      await exec([join(binDir, 'createdb'), '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', name]);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async createServiceDatabase(name: string) {
      if (!/^[a-z_][a-z0-9_]{0,40}$/.test(name))
        throw new Error(`service database name "${name}" is not usable`);
      const sql = [
        `DO $$ BEGIN CREATE ROLE shipshape_app NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;`,
        `CREATE ROLE ${name}_owner LOGIN IN ROLE shipshape_app;`,
        `CREATE ROLE ${name}_app LOGIN NOINHERIT IN ROLE shipshape_app;`,
        `CREATE DATABASE ${name} OWNER ${name}_owner;`,
      ];
      for (const statement of sql)
        await exec([
          join(binDir, 'psql'),
          '-h',
          '127.0.0.1',
          '-p',
          String(port),
          '-U',
          'postgres',
          '-v',
          'ON_ERROR_STOP=1',
          '-c',
          statement,
        ]);
      return {
        url: `postgres://${name}_app@127.0.0.1:${port}/${name}`,
        migrationUrl: `postgres://${name}_owner@127.0.0.1:${port}/${name}`,
      };
    },
    start,
    stop,
    async cleanup(): Promise<void> {
      try {
        await stop();
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
