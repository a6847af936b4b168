import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../data/types.js';

/** A folder of forward-only migrations, recorded under its source name (`shipshape`, `service`). */
export interface MigrationSource {
  source: string;
  dir: string;
  /** A missing folder counts as "no migrations" (default true); false makes it an error. */
  optional?: boolean;
}

export interface Migration {
  source: string;
  /** File name, e.g. `0003_orders.sql`. */
  name: string;
  sql: string;
  /** sha256 (hex) of the file with line endings normalised to LF. */
  checksum: string;
}

export interface MigrationReport {
  applied: Migration[];
  /** Migrations already applied before this run. */
  unchanged: number;
}

/** A migration problem users cause (edited, deleted, misnamed, out of order, failing SQL): one line. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

export const MIGRATION_FILE = /^(\d{4})_([a-z0-9][a-z0-9_]*)\.sql$/;
export const MIGRATIONS_TABLE = 'shipshape_migrations';
const LOCK_NAME = 'shipshape:migrations';

/** The runtime's own migrations (app role, idempotency keys, outbox, inbox, audit log), shipped in the package. */
export const runtimeMigrations: MigrationSource = {
  source: 'shipshape',
  dir: fileURLToPath(new URL('../../migrations/', import.meta.url)),
  optional: false,
};

export function checksum(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

/** Reads a source's `NNNN_name.sql` files in order; other `.sql` names and duplicate numbers are errors. */
export async function loadMigrations(source: MigrationSource): Promise<Migration[]> {
  let entries: string[];
  try {
    entries = await readdir(source.dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && source.optional !== false) return [];
    throw new MigrationError(
      `cannot read migrations of "${source.source}" in ${source.dir}: ${(err as Error).message}`,
    );
  }
  const files = entries.filter((f) => f.endsWith('.sql')).sort();
  const seen = new Map<string, string>();
  const migrations: Migration[] = [];
  for (const name of files) {
    const match = MIGRATION_FILE.exec(name);
    if (!match) {
      throw new MigrationError(
        `migration file ${join(source.dir, name)} must be named NNNN_name.sql (4 digits, lower-case name)`,
      );
    }
    const other = seen.get(match[1]);
    if (other)
      throw new MigrationError(
        `migrations ${other} and ${name} in ${source.dir} share the number ${match[1]}`,
      );
    seen.set(match[1], name);
    const sql = await readFile(join(source.dir, name), 'utf8');
    migrations.push({ source: source.source, name, sql, checksum: checksum(sql) });
  }
  return migrations;
}

interface AppliedRow {
  source: string;
  name: string;
  checksum: string;
}

/**
 * Applies pending migrations of each source in order, each in its own transaction together with its
 * record in `shipshape_migrations` (source, name, checksum, applied_at). Holds a database-wide lock so
 * instances starting together apply each migration once. Refuses, before applying anything, an applied
 * migration whose file changed or disappeared and a new migration numbered below an applied one.
 */
export async function runMigrations(db: Database, sources: MigrationSource[]): Promise<MigrationReport> {
  const loaded = await Promise.all(sources.map((s) => loadMigrations(s)));
  return db.withLock(LOCK_NAME, async () => {
    await db.exec(`create table if not exists ${MIGRATIONS_TABLE} (
      source     text        not null,
      name       text        not null,
      checksum   text        not null,
      applied_at timestamptz not null default now(),
      primary key (source, name)
    )`);
    const { rows } = await db.query<AppliedRow>(`select source, name, checksum from ${MIGRATIONS_TABLE}`);
    const applied = new Map(rows.map((r) => [`${r.source}/${r.name}`, r]));

    const pending: Migration[] = [];
    let unchanged = 0;
    sources.forEach((source, i) => {
      const files = loaded[i];
      const onDisk = new Set(files.map((m) => m.name));
      const appliedHere = rows.filter((r) => r.source === source.source);
      for (const row of appliedHere) {
        if (!onDisk.has(row.name)) {
          throw new MigrationError(
            `migration ${row.source}/${row.name} was applied but its file is missing from ${source.dir}; migrations are forward-only, restore the file`,
          );
        }
      }
      const lastApplied = appliedHere
        .map((r) => r.name)
        .sort()
        .at(-1);
      for (const m of files) {
        const row = applied.get(`${m.source}/${m.name}`);
        if (row) {
          if (row.checksum !== m.checksum) {
            throw new MigrationError(
              `migration ${m.source}/${m.name} was edited after it was applied (checksum ${row.checksum.slice(0, 12)} recorded, ${m.checksum.slice(0, 12)} on disk); migrations are forward-only, add a new migration instead`,
            );
          }
          unchanged++;
        } else if (lastApplied && m.name < lastApplied) {
          throw new MigrationError(
            `migration ${m.source}/${m.name} is new but ${lastApplied} is already applied; renumber it after ${lastApplied.slice(0, 4)}`,
          );
        } else {
          pending.push(m);
        }
      }
    });

    for (const m of pending) {
      await db.tx(async (tx) => {
        try {
          await tx.exec(m.sql);
        } catch (err) {
          const e = err as Error & { position?: string };
          throw new MigrationError(`migration ${m.source}/${m.name} failed: ${e.message.split('\n')[0]}`, {
            cause: err,
          });
        }
        await tx.query(`insert into ${MIGRATIONS_TABLE} (source, name, checksum) values ($1, $2, $3)`, [
          m.source,
          m.name,
          m.checksum,
        ]);
      });
    }
    return { applied: pending, unchanged };
  });
}
