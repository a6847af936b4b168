import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { DatabaseConfigError } from './errors.js';
import { createPgliteDatabase } from './pglite.js';
import { createPostgresDatabase, type PostgresPoolOptions } from './postgres.js';
import type { EventNaming } from './tenant-tx.js';
import type { Database } from './types.js';

export interface DatabaseOptions {
  /**
   * DATABASE_URL. `postgres://` / `postgresql://` → a `pg` pool; `memory://` → in-memory PGlite;
   * `file:///abs/dir` → PGlite in that directory; undefined → PGlite in `<serviceDir>/.data/pglite`.
   */
  url?: string;
  /** The service's directory; required when url is undefined. */
  serviceDir?: string;
  pool?: PostgresPoolOptions;
  /** Naming for outbox event types and the CloudEvents source. */
  events?: EventNaming;
  /** Share an existing PGlite instance (tests: two app instances on one embedded database). */
  pglite?: PGlite;
  /** Called with errors of idle pooled connections (PostgreSQL only); they are dropped from the pool. */
  onIdleError?: (err: Error) => void;
}

/** Where the embedded database lives for a service when DATABASE_URL is unset. */
export function embeddedDataDir(serviceDir: string): string {
  return join(serviceDir, '.data', 'pglite');
}

/** Opens the service's database: PostgreSQL when DATABASE_URL says so, PGlite otherwise. */
export async function createDatabase(options: DatabaseOptions): Promise<Database> {
  const { url } = options;
  if (options.pglite) return createPgliteDatabase({ pglite: options.pglite, events: options.events });
  if (url === undefined || url === '') {
    if (!options.serviceDir) {
      throw new DatabaseConfigError(
        'createDatabase: option "serviceDir" is required when DATABASE_URL is unset',
      );
    }
    return createPgliteDatabase({
      dataDir: embeddedDataDir(resolve(options.serviceDir)),
      events: options.events,
    });
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    return createPostgresDatabase({
      url,
      pool: options.pool,
      events: options.events,
      onIdleError: options.onIdleError,
    });
  }
  if (url === 'memory://' || url.startsWith('memory://')) {
    return createPgliteDatabase({ events: options.events });
  }
  if (url.startsWith('file:')) {
    let dir: string;
    try {
      dir = fileURLToPath(url);
    } catch {
      throw new DatabaseConfigError(
        `DATABASE_URL: "${url}" is not a valid file: URL (use file:///absolute/dir)`,
      );
    }
    if (!isAbsolute(dir))
      throw new DatabaseConfigError(`DATABASE_URL: file: URL must name an absolute directory`);
    return createPgliteDatabase({ dataDir: dir, events: options.events });
  }
  throw new DatabaseConfigError(
    `DATABASE_URL: unsupported scheme in "${url.replace(/\/\/[^@/]*@/, '//***@')}" (use postgres://, postgresql://, memory:// or file://)`,
  );
}
