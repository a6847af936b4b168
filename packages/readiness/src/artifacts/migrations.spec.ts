import { describe, expect, it } from 'vitest';
import { applyStatement, implicitIndexes, type TableInfo } from './migrations.js';
import { splitStatements, type Statement } from './statements.js';

function replay(sql: string) {
  const tables = new Map<string, TableInfo>();
  const destructive: Statement[] = [];
  for (const st of splitStatements(sql, 'm.sql')) applyStatement(st, 'service', tables, destructive);
  return { tables, destructive };
}

describe('splitStatements', () => {
  it('splits outside comments, quotes and dollar-quoted bodies, keeping start lines', () => {
    const sql = [
      '-- a comment; not a statement',
      "CREATE TABLE a (x text DEFAULT 'a;b');",
      '/* block; comment */',
      "DO $$ BEGIN RAISE NOTICE 'x;y'; END $$;",
      '',
      'SELECT 1',
    ].join('\n');
    const out = splitStatements(sql, 'f.sql');
    expect(out.map((s) => [s.line, s.sql.slice(0, 12)])).toEqual([
      [2, 'CREATE TABLE'],
      [4, 'DO $$ BEGIN '],
      [6, 'SELECT 1'],
    ]);
  });
});

describe('readSchema statements', () => {
  it('tracks columns, keys, RLS and policies of a tenant table', () => {
    const { tables } = replay(`
      CREATE TABLE IF NOT EXISTS "things" (id uuid PRIMARY KEY, tenant_id text NOT NULL, code text UNIQUE,
        CONSTRAINT things_x CHECK (code <> ''));
      ALTER TABLE things ENABLE ROW LEVEL SECURITY;
      ALTER TABLE ONLY things FORCE ROW LEVEL SECURITY;
      CREATE POLICY p ON things USING (tenant_id = current_setting('app.tenant_id', true));
      CREATE UNIQUE INDEX things_tenant_code ON things (tenant_id, code);
    `);
    const t = tables.get('things')!;
    expect(t.columns).toEqual(['id', 'tenant_id', 'code']);
    expect([t.rlsEnabled, t.rlsForced, t.policies]).toEqual([true, true, ['p']]);
    expect(t.keys).toEqual([['id'], ['code'], ['tenant_id', 'code']]);
    expect(implicitIndexes(t)).toEqual(['things_pkey', 'things_code_key']);
    expect(t.indexes.map((i) => i.name)).toEqual(['things_tenant_code']);
  });

  it('replays later migrations: DISABLE, dropped policies, added tenant columns, dropped tables', () => {
    const { tables, destructive } = replay(`
      CREATE TABLE a (id int, PRIMARY KEY (id));
      ALTER TABLE a ENABLE ROW LEVEL SECURITY;
      CREATE POLICY p ON a USING (true);
      ALTER TABLE a DISABLE ROW LEVEL SECURITY;
      DROP POLICY IF EXISTS p ON a;
      ALTER TABLE a ADD COLUMN tenant_id text;
      CREATE TABLE b (id int) PARTITION BY RANGE (id);
      CREATE TABLE gone (id int);
      DROP TABLE gone;
    `);
    const a = tables.get('a')!;
    expect([a.rlsEnabled, a.policies, a.columns]).toEqual([false, [], ['id', 'tenant_id']]);
    expect(tables.get('b')!.partitioned).toBe(true);
    expect(tables.has('gone')).toBe(false);
    expect(destructive.map((s) => s.sql)).toEqual(['DROP TABLE gone']);
  });
});
