/**
 * What the SQL migrations say about tenancy: each created table, whether it has a tenant column and whether
 * row-level security is enabled on it. Read with regular expressions rather than a SQL parser: the adopter
 * only needs table and column names to pre-fill the descriptor and DATA_MODEL (the readiness evaluator parses
 * the migrations properly when it judges the data gates).
 */

export interface TableFact {
  name: string;
  file: string;
  columns: string[];
  rls: boolean;
  indexes: { name: string; columns: string[]; unique: boolean }[];
}

const TENANT_COLUMNS = ['tenant_id', 'org_id', 'organization_id', 'account_id', 'workspace_id'];

const ident = (s: string) => s.replace(/["`]/g, '').split('.').pop()!.toLowerCase();

export function readTables(files: { path: string; text: string }[]): TableFact[] {
  const tables = new Map<string, TableFact>();
  for (const { path, text } of files) {
    const sql = text.replace(/--[^\n]*/g, '');
    for (const m of sql.matchAll(
      /create\s+table\s+(?:if\s+not\s+exists\s+)?([\w."`]+)\s*\(([\s\S]*?)\)\s*;/gi,
    )) {
      const items = m[2]
        .split(/,(?![^(]*\))/)
        .map((c) => c.trim())
        .filter(Boolean);
      const definitions = items.filter(
        (c) => !/^(primary|unique|constraint|foreign|check|exclude)\b/i.test(c),
      );
      const columns = definitions.map((c) => ident(c.split(/\s+/)[0]));
      const name = ident(m[1]);
      tables.set(name, {
        name,
        file: path,
        columns,
        rls: false,
        indexes: implicitIndexes(name, items, definitions),
      });
    }
    for (const m of sql.matchAll(
      /alter\s+table\s+(?:only\s+)?([\w."`]+)\s+enable\s+row\s+level\s+security/gi,
    )) {
      const t = tables.get(ident(m[1]));
      if (t) t.rls = true;
    }
    for (const m of sql.matchAll(
      /create\s+(unique\s+)?index\s+(?:concurrently\s+)?(?:if\s+not\s+exists\s+)?([\w."`]+)\s+on\s+([\w."`]+)\s*(?:using\s+\w+\s*)?\(([^)]*)\)/gi,
    )) {
      const t = tables.get(ident(m[3]));
      if (t)
        t.indexes.push({
          name: ident(m[2]),
          columns: m[4].split(',').map((c) => ident(c.trim().split(/\s+/)[0])),
          unique: Boolean(m[1]),
        });
    }
  }
  return [...tables.values()];
}

/**
 * The indexes PostgreSQL creates for a table's primary key and unique constraints, under the names it gives them
 * (`<table>_pkey`, `<table>_<columns>_key`): the readiness gate data.indexes_documented compares DATA_MODEL with
 * pg_indexes, where they appear like any other index.
 */
function implicitIndexes(table: string, items: string[], definitions: string[]): TableFact['indexes'] {
  const out: TableFact['indexes'] = [];
  const list = (text: string) => text.split(',').map((c) => ident(c.trim().split(/\s+/)[0]));
  const pkColumn = definitions.find((c) => /\bprimary\s+key\b/i.test(c));
  const pk = items.map((c) => /^(?:constraint\s+\S+\s+)?primary\s+key\s*\(([^)]*)\)/i.exec(c)).find(Boolean);
  if (pkColumn) out.push({ name: `${table}_pkey`, columns: [ident(pkColumn.split(/\s+/)[0])], unique: true });
  else if (pk) out.push({ name: `${table}_pkey`, columns: list(pk[1]), unique: true });
  for (const c of definitions.filter((d) => /\bunique\b/i.test(d))) {
    const column = ident(c.split(/\s+/)[0]);
    out.push({ name: `${table}_${column}_key`, columns: [column], unique: true });
  }
  for (const c of items) {
    const u = /^unique\s*\(([^)]*)\)/i.exec(c);
    if (u) out.push({ name: `${table}_${list(u[1]).join('_')}_key`, columns: list(u[1]), unique: true });
  }
  return out;
}

/** The tenant column the tables use (the most common of the usual names), if any table has one. */
export function tenantColumnOf(tables: TableFact[]): string | undefined {
  let best: string | undefined;
  let count = 0;
  for (const column of TENANT_COLUMNS) {
    const n = tables.filter((t) => t.columns.includes(column)).length;
    if (n > count) [best, count] = [column, n];
  }
  return best;
}

export function dialectOf(texts: string[]): 'postgresql' | 'mysql' | 'sqlite' {
  const all = texts.join('\n');
  if (/\bAUTO_INCREMENT\b|\bENGINE\s*=/i.test(all)) return 'mysql';
  if (/\bAUTOINCREMENT\b/i.test(all)) return 'sqlite';
  return 'postgresql';
}
