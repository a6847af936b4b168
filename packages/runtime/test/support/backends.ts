/**
 * Both-database wiring for the runtime's tests: every integration spec runs `describe.each(backends())`
 * and gets the same API over PGlite (one shared in-memory instance per file) and over a real PostgreSQL
 * server started by @shipshape/testing in a throwaway data dir on 127.0.0.1. Without PostgreSQL binaries
 * the postgres backend is skipped with the reason in its title, except on CI (CI=true) or with
 * SHIPSHAPE_REQUIRE_SERVERS=1, where it fails instead.
 */
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { findPostgresBinDir, serversRequired, startPostgres, type PostgresServer } from '@shipshape/testing';
import { createPgliteDatabase } from '../../src/data/pglite.js';
import { createPostgresDatabase, type PostgresPoolOptions } from '../../src/data/postgres.js';
import type { EventNaming } from '../../src/data/tenant-tx.js';
import type { Database } from '../../src/data/types.js';
import { runMigrations, runtimeMigrations, type MigrationSource } from '../../src/migrations/runner.js';

export interface OpenOptions {
  pool?: PostgresPoolOptions;
  events?: EventNaming;
}

export interface BackendHandle {
  kind: 'pglite' | 'postgres';
  /** A new Database handle on the same underlying database (a second "instance" of the service). */
  open(options?: OpenOptions): Promise<Database>;
  /** The PostgreSQL server (postgres backend only), for outage tests. */
  server?: PostgresServer;
  /** Connection URL (postgres backend only). */
  url?: string;
  cleanup(): Promise<void>;
}

export interface Backend {
  name: 'pglite' | 'postgres';
  /** Reason the backend is skipped on this machine, if it is. */
  skip?: string;
  setup(): Promise<BackendHandle>;
}

let dbCounter = 0;

export const pgliteBackend: Backend = {
  name: 'pglite',
  async setup() {
    const pglite = await PGlite.create();
    return {
      kind: 'pglite',
      open: (options = {}) => createPgliteDatabase({ pglite, events: options.events }),
      async cleanup() {
        await pglite.close();
      },
    };
  },
};

export function postgresBackend(): Backend {
  const bin = findPostgresBinDir();
  const skip = !bin.available && !serversRequired() ? bin.reason : undefined;
  return {
    name: 'postgres',
    skip,
    async setup() {
      const server = await startPostgres();
      const url = await server.createDatabase(`shipshape_test_${process.pid}_${++dbCounter}`);
      return {
        kind: 'postgres',
        server,
        url,
        open: async (options = {}) =>
          createPostgresDatabase({ url, pool: options.pool, events: options.events }),
        async cleanup() {
          await server.cleanup();
        },
      };
    },
  };
}

/** [pglite, postgres] for `describe.each`. */
export function backends(): Backend[] {
  return [pgliteBackend, postgresBackend()];
}

export function title(backend: Backend): string {
  return backend.skip ? `${backend.name} (skipped: ${backend.skip})` : backend.name;
}

/** Applies the runtime's own migrations plus the given test sources. */
export async function migrate(db: Database, extra: MigrationSource[] = []): Promise<void> {
  await runMigrations(db, [runtimeMigrations, ...extra]);
}

/** Migrations of the test "notes" aggregate (a tenant table with RLS, as a service writes it). */
export const NOTES_MIGRATIONS = fileURLToPath(new URL('../fixtures/notes-migrations/', import.meta.url));
