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
      const columns = m[2]
        .split(/,(?![^(]*\))/)
        .map((c) => c.trim())
        .filter((c) => c && !/^(primary|unique|constraint|foreign|check|exclude)\b/i.test(c))
        .map((c) => ident(c.split(/\s+/)[0]));
      tables.set(ident(m[1]), { name: ident(m[1]), file: path, columns, rls: false, indexes: [] });
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
