/**
 * A static reading of forward-only SQL migrations: which tables exist after all of them ran, their columns,
 * row-level security and indexes. Hand-written rather than a SQL parser library because only a handful of DDL
 * statement shapes matter here; the statements come from statements.ts.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readText } from './files.js';
import { splitStatements, type Statement } from './statements.js';

export interface TableInfo {
  name: string;
  file: string;
  line: number;
  columns: string[];
  primaryKey: boolean;
  uniqueColumns: string[];
  /** Column lists of the primary key, unique constraints and unique indexes. */
  keys: string[][];
  partitioned: boolean;
  rlsEnabled: boolean;
  rlsForced: boolean;
  policies: string[];
  indexes: IndexInfo[];
  /** Which migration source created it: `service` or `runtime`. */
  owner: 'service' | 'runtime';
}

export interface IndexInfo {
  name: string;
  table: string;
  unique: boolean;
  file: string;
  line: number;
}

export interface MigrationFile {
  name: string;
  path: string;
  owner: 'service' | 'runtime';
}

export interface SchemaModel {
  files: MigrationFile[];
  tables: Map<string, TableInfo>;
  /** Statements that could matter to a reviewer (DROP TABLE, DROP COLUMN), with where they are. */
  destructive: Statement[];
}

export async function migrationFiles(dir: string, owner: 'service' | 'runtime'): Promise<MigrationFile[]> {
  try {
    return (await readdir(dir))
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .map((name) => ({ name, path: join(dir, name), owner }));
  } catch {
    return [];
  }
}

const IDENT = String.raw`(?:"[^"]+"|[A-Za-z_][\w$]*)(?:\.(?:"[^"]+"|[A-Za-z_][\w$]*))?`;
const unquote = (name: string) => name.split('.').pop()!.replace(/^"|"$/g, '').toLowerCase();

/** Splits the body of CREATE TABLE (...) at top-level commas. */
function topLevelItems(body: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of body) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      items.push(current.trim());
      current = '';
    } else current += c;
  }
  if (current.trim()) items.push(current.trim());
  return items;
}

/** Replays the statements of every migration, in order, into the schema they leave behind. */
export async function readSchema(files: MigrationFile[]): Promise<SchemaModel> {
  const tables = new Map<string, TableInfo>();
  const destructive: Statement[] = [];
  for (const file of files) {
    const sql = (await readText(file.path)) ?? '';
    for (const st of splitStatements(sql, file.path)) {
      applyStatement(st, file.owner, tables, destructive);
    }
  }
  return { files, tables, destructive };
}

export function applyStatement(
  st: Statement,
  owner: 'service' | 'runtime',
  tables: Map<string, TableInfo>,
  destructive: Statement[],
): void {
  const s = st.sql.replace(/\s+/g, ' ');
  let m: RegExpExecArray | null;
  if (
    (m = new RegExp(String.raw`^CREATE (?:UNLOGGED )?TABLE (?:IF NOT EXISTS )?(${IDENT}) ?(.*)$`, 'i').exec(
      s,
    ))
  ) {
    const name = unquote(m[1]);
    const rest = m[2];
    if (/^PARTITION OF\b/i.test(rest) || !rest.startsWith('(')) return;
    const close = matchingParen(rest, 0);
    const body = rest.slice(1, close);
    const tail = rest.slice(close + 1);
    const items = topLevelItems(body);
    const columns: string[] = [];
    const uniqueColumns: string[] = [];
    const keys: string[][] = [];
    let primaryKey = false;
    for (const item of items) {
      const pk = /^(?:CONSTRAINT \S+ )?PRIMARY KEY ?\(([^)]+)\)/i.exec(item);
      const u = /^(?:CONSTRAINT \S+ )?UNIQUE ?\(([^)]+)\)/i.exec(item);
      if (pk) {
        primaryKey = true;
        keys.push(columnList(pk[1]));
      } else if (u) {
        keys.push(columnList(u[1]));
        if (!u[1].includes(',')) uniqueColumns.push(unquote(u[1].trim()));
      } else if (/^(CONSTRAINT \S+ )?(CHECK|FOREIGN KEY|EXCLUDE)\b/i.test(item)) {
        continue;
      } else if (!/^LIKE\b/i.test(item)) {
        const col = unquote(item.split(' ')[0]);
        columns.push(col);
        if (/\bPRIMARY KEY\b/i.test(item)) {
          primaryKey = true;
          keys.push([col]);
        }
        if (/\bUNIQUE\b/i.test(item)) {
          uniqueColumns.push(col);
          keys.push([col]);
        }
      }
    }
    tables.set(name, {
      name,
      file: st.file,
      line: st.line,
      columns,
      primaryKey,
      uniqueColumns,
      keys,
      partitioned: /\bPARTITION BY\b/i.test(tail),
      rlsEnabled: false,
      rlsForced: false,
      policies: [],
      indexes: [],
      owner,
    });
    return;
  }
  if ((m = new RegExp(String.raw`^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?(${IDENT}) (.*)$`, 'i').exec(s))) {
    const table = tables.get(unquote(m[1]));
    const action = m[2];
    if (!table) return;
    if (/^ENABLE ROW LEVEL SECURITY$/i.test(action)) table.rlsEnabled = true;
    else if (/^DISABLE ROW LEVEL SECURITY$/i.test(action)) table.rlsEnabled = false;
    else if (/^FORCE ROW LEVEL SECURITY$/i.test(action)) table.rlsForced = true;
    else if (/^NO FORCE ROW LEVEL SECURITY$/i.test(action)) table.rlsForced = false;
    else {
      for (const part of topLevelItems(action)) {
        const add = /^ADD (?:COLUMN )?(?:IF NOT EXISTS )?("[^"]+"|[A-Za-z_]\w*)/i.exec(part);
        if (add && !/^ADD (CONSTRAINT|PRIMARY|UNIQUE|CHECK|FOREIGN)\b/i.test(part))
          table.columns.push(unquote(add[1]));
        const drop = /^DROP (?:COLUMN )?(?:IF EXISTS )?("[^"]+"|[A-Za-z_]\w*)/i.exec(part);
        if (drop && !/^DROP (CONSTRAINT)\b/i.test(part)) {
          table.columns = table.columns.filter((c) => c !== unquote(drop[1]));
          destructive.push(st);
        }
        const rename = /^RENAME TO ("[^"]+"|[A-Za-z_]\w*)/i.exec(part);
        if (rename) {
          tables.delete(table.name);
          table.name = unquote(rename[1]);
          tables.set(table.name, table);
        }
      }
    }
    return;
  }
  if ((m = new RegExp(String.raw`^CREATE POLICY (${IDENT}) ON (${IDENT})`, 'i').exec(s))) {
    tables.get(unquote(m[2]))?.policies.push(unquote(m[1]));
    return;
  }
  if ((m = new RegExp(String.raw`^DROP POLICY (?:IF EXISTS )?(${IDENT}) ON (${IDENT})`, 'i').exec(s))) {
    const table = tables.get(unquote(m[2]));
    if (table) table.policies = table.policies.filter((p) => p !== unquote(m![1]));
    return;
  }
  if (
    (m = new RegExp(
      String.raw`^CREATE (UNIQUE )?INDEX (?:CONCURRENTLY )?(?:IF NOT EXISTS )?(${IDENT}) ON (?:ONLY )?(${IDENT})(?: USING \w+)? ?\(([^)]*)\)?`,
      'i',
    ).exec(s))
  ) {
    const table = tables.get(unquote(m[3]));
    table?.indexes.push({
      name: unquote(m[2]),
      table: table.name,
      unique: Boolean(m[1]),
      file: st.file,
      line: st.line,
    });
    if (table && m[1] && m[4]) table.keys.push(columnList(m[4]));
    return;
  }
  if ((m = new RegExp(String.raw`^DROP INDEX (?:CONCURRENTLY )?(?:IF EXISTS )?(${IDENT})`, 'i').exec(s))) {
    const name = unquote(m[1]);
    for (const table of tables.values()) table.indexes = table.indexes.filter((i) => i.name !== name);
    return;
  }
  if ((m = new RegExp(String.raw`^DROP TABLE (?:IF EXISTS )?(${IDENT})`, 'i').exec(s))) {
    tables.delete(unquote(m[1]));
    destructive.push(st);
  }
}

/** Index of the `)` closing the `(` at `open` (the end of the text when unbalanced). */
function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return text.length;
}

function columnList(text: string): string[] {
  return text.split(',').map((c) => unquote(c.trim().split(' ')[0]));
}

/** Names PostgreSQL gives implicit indexes: `<table>_pkey` and `<table>_<column>_key`. */
export function implicitIndexes(table: TableInfo): string[] {
  return [
    ...(table.primaryKey ? [`${table.name}_pkey`] : []),
    ...table.uniqueColumns.map((c) => `${table.name}_${c}_key`),
  ];
}
