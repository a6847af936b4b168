import { accessSync, constants, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Thrown when a server binary a helper needs is not installed; the message says how to install it. */
export class MissingBinaryError extends Error {
  override readonly name = 'MissingBinaryError';
}

export type Availability = { available: true; path: string } | { available: false; reason: string };

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds the directory holding PostgreSQL's server binaries (initdb, pg_ctl, createdb).
 * Order: $PG_BIN, then the newest /usr/lib/postgresql/<major>/bin (Debian/Ubuntu layout), then $PATH.
 */
export function findPostgresBinDir(env: NodeJS.ProcessEnv = process.env): Availability {
  const candidates: string[] = [];
  if (env.PG_BIN) candidates.push(env.PG_BIN);
  try {
    const majors = readdirSync('/usr/lib/postgresql')
      .filter((d) => /^\d+$/.test(d))
      .sort((a, b) => Number(b) - Number(a));
    for (const major of majors) candidates.push(join('/usr/lib/postgresql', major, 'bin'));
  } catch {
    // no Debian layout on this machine
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) if (dir) candidates.push(dir);
  for (const dir of candidates) {
    if (isExecutable(join(dir, 'initdb')) && isExecutable(join(dir, 'pg_ctl'))) {
      return { available: true, path: dir };
    }
  }
  return {
    available: false,
    reason:
      'PostgreSQL server binaries (initdb, pg_ctl) not found in $PG_BIN, /usr/lib/postgresql/*/bin or $PATH; ' +
      'install them with `apt-get install -y postgresql`',
  };
}

/** Finds the nats-server binary: $NATS_SERVER_BIN, then $PATH, then /usr/sbin and /usr/local/bin. */
export function findNatsServer(env: NodeJS.ProcessEnv = process.env): Availability {
  const candidates: string[] = [];
  if (env.NATS_SERVER_BIN) candidates.push(env.NATS_SERVER_BIN);
  for (const dir of (env.PATH ?? '').split(delimiter)) if (dir) candidates.push(join(dir, 'nats-server'));
  candidates.push('/usr/sbin/nats-server', '/usr/local/bin/nats-server', '/usr/bin/nats-server');
  for (const path of candidates) if (isExecutable(path)) return { available: true, path };
  return {
    available: false,
    reason:
      'nats-server not found in $NATS_SERVER_BIN, $PATH or /usr/sbin; install it with `apt-get install -y nats-server`',
  };
}

/**
 * True when tests must not skip for a missing server binary: on CI (`CI` set and not "false")
 * or when SHIPSHAPE_REQUIRE_SERVERS=1. Elsewhere a missing binary becomes a visible skip.
 */
export function serversRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.SHIPSHAPE_REQUIRE_SERVERS === '1') return true;
  return env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
}
