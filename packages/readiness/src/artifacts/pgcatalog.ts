import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { MigrationFile } from './migrations.js';

/**
 * The schema as PostgreSQL itself sees it after the migrations ran (the runtime's first, then the service's): read
 * from pg_class, pg_policies, grants and pg_indexes of an embedded PostgreSQL (PGlite), not from the SQL text.
 */
export interface DbTable {
  name: string;
  owner: string;
  columns: string[];
  rowSecurity: boolean;
  forceRowSecurity: boolean;
  policies: DbPolicy[];
  /** Privileges per grantee (owner excluded), e.g. { shipshape_app: ['SELECT', 'INSERT'] }. */
  grants: Record<string, string[]>;
  indexes: { name: string; definition: string }[];
  /** Which migration source created the table. */
  source: 'runtime' | 'service';
}

export interface DbPolicy {
  name: string;
  /** ALL, SELECT, INSERT, UPDATE or DELETE. */
  command: string;
  roles: string[];
  permissive: boolean;
  using: string | null;
  withCheck: string | null;
}

export interface DbSchema {
  tables: Map<string, DbTable>;
  /** Roles that bypass row-level security (superuser or BYPASSRLS), other than the migrating user. */
  bypassRoles: Set<string>;
  /** The first migration that did not apply, with PostgreSQL's message. */
  failed?: { file: MigrationFile; message: string };
}

let shared: Promise<PGlite> | undefined;
let queue: Promise<unknown> = Promise.resolve();

/**
 * One PGlite per process (start-up costs seconds and hundreds of MB), reset between services: the public schema
 * is recreated and every schema and role a migration added is dropped, so no service sees another's objects.
 */
function database(): Promise<PGlite> {
  shared ??= PGlite.create();
  return shared;
}

/** Applies the migrations on the shared embedded PostgreSQL (one service at a time) and reads the catalog. */
export function applyAndRead(files: MigrationFile[]): Promise<DbSchema> {
  const run = queue.then(async () => {
    const db = await database();
    await reset(db);
    return apply(db, files);
  });
  queue = run.catch(() => undefined);
  return run;
}

/** Stops the shared database (tests and the CLI call it when done; a later call starts a new one). */
export async function closeDatabase(): Promise<void> {
  const db = shared;
  shared = undefined;
  if (db) await (await db).close();
}

async function reset(db: PGlite): Promise<void> {
  const schemas = await db.query<{ nspname: string }>(
    `SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
       AND nspname NOT LIKE 'pg_temp%' AND nspname NOT LIKE 'pg_toast_temp%'`,
  );
  for (const { nspname } of schemas.rows) await db.exec(`DROP SCHEMA ${ident(nspname)} CASCADE`);
  await db.exec('CREATE SCHEMA public; GRANT USAGE, CREATE ON SCHEMA public TO PUBLIC; RESET ALL;');
  const roles = await db.query<{ rolname: string }>(
    `SELECT rolname FROM pg_roles WHERE rolname NOT LIKE 'pg\\_%' AND rolname <> current_user`,
  );
  for (const { rolname } of roles.rows) {
    await db.exec(`DROP OWNED BY ${ident(rolname)}; DROP ROLE ${ident(rolname)}`).catch(() => undefined);
  }
}

async function apply(db: PGlite, files: MigrationFile[]): Promise<DbSchema> {
  const created = new Map<string, 'runtime' | 'service'>();
  let failed: DbSchema['failed'];
  for (const file of files) {
    try {
      await db.exec(await readFile(file.path, 'utf8'));
    } catch (error) {
      failed = { file, message: (error as Error).message.split('\n')[0] };
      break;
    }
    for (const name of await tableNames(db)) if (!created.has(name)) created.set(name, file.owner);
  }
  return { ...(await read(db, created)), ...(failed ? { failed } : {}) };
}

async function tableNames(db: PGlite): Promise<string[]> {
  const r = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition`,
  );
  return r.rows.map((x) => x.name);
}

async function read(
  db: PGlite,
  created: Map<string, 'runtime' | 'service'>,
): Promise<Omit<DbSchema, 'failed'>> {
  const tables = new Map<string, DbTable>();
  const rel = await db.query<{ name: string; owner: string; rls: boolean; force: boolean }>(
    `SELECT c.relname AS name, pg_get_userbyid(c.relowner) AS owner, c.relrowsecurity AS rls,
            c.relforcerowsecurity AS force
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname`,
  );
  for (const t of rel.rows) {
    tables.set(t.name, {
      name: t.name,
      owner: t.owner,
      columns: [],
      rowSecurity: t.rls,
      forceRowSecurity: t.force,
      policies: [],
      grants: {},
      indexes: [],
      source: created.get(t.name) ?? 'service',
    });
  }
  const cols = await db.query<{ table: string; column: string }>(
    `SELECT table_name AS table, column_name AS column FROM information_schema.columns
      WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  for (const c of cols.rows) tables.get(c.table)?.columns.push(c.column);
  const pols = await db.query<{
    table: string;
    name: string;
    cmd: string;
    roles: string[] | string;
    permissive: string;
    qual: string | null;
    with_check: string | null;
  }>(
    `SELECT tablename AS table, policyname AS name, cmd, roles, permissive, qual, with_check
       FROM pg_policies WHERE schemaname = 'public' ORDER BY tablename, policyname`,
  );
  for (const p of pols.rows) {
    tables.get(p.table)?.policies.push({
      name: p.name,
      command: p.cmd,
      roles: Array.isArray(p.roles)
        ? p.roles
        : String(p.roles)
            .replace(/^\{|\}$/g, '')
            .split(','),
      permissive: p.permissive === 'PERMISSIVE',
      using: p.qual,
      withCheck: p.with_check,
    });
  }
  const grants = await db.query<{ table: string; grantee: string; privilege: string }>(
    `SELECT table_name AS table, grantee, privilege_type AS privilege FROM information_schema.role_table_grants
      WHERE table_schema = 'public'`,
  );
  for (const g of grants.rows) {
    const t = tables.get(g.table);
    if (!t || g.grantee === t.owner) continue;
    (t.grants[g.grantee] ??= []).push(g.privilege);
  }
  const idx = await db.query<{ table: string; name: string; def: string }>(
    `SELECT tablename AS table, indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = 'public' ORDER BY tablename, indexname`,
  );
  for (const i of idx.rows) tables.get(i.table)?.indexes.push({ name: i.name, definition: i.def });
  const bypass = await db.query<{ rolname: string }>(
    `SELECT rolname FROM pg_roles WHERE (rolsuper OR rolbypassrls) AND rolname <> current_user`,
  );
  return { tables, bypassRoles: new Set(bypass.rows.map((r) => r.rolname)) };
}

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
