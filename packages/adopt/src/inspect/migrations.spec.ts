import { describe, expect, it } from 'vitest';
import { dialectOf, readTables, tenantColumnOf } from './migrations.js';

const sql = `
-- a comment with CREATE TABLE nothing (x int);
CREATE TABLE IF NOT EXISTS public.accounts (
  id uuid PRIMARY KEY,
  org_id text NOT NULL,
  amount numeric(10, 2) NOT NULL,
  CONSTRAINT accounts_amount_positive CHECK (amount > 0)
);
CREATE UNIQUE INDEX accounts_org_idx ON accounts (org_id, id);
ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
CREATE TABLE currencies (code text PRIMARY KEY, name text NOT NULL);
`;

describe('readTables', () => {
  const tables = readTables([{ path: 'db/0001.sql', text: sql }]);

  it('reads tables, columns (not constraints), RLS and indexes', () => {
    expect(tables).toEqual([
      {
        name: 'accounts',
        file: 'db/0001.sql',
        columns: ['id', 'org_id', 'amount'],
        rls: true,
        indexes: [{ name: 'accounts_org_idx', columns: ['org_id', 'id'], unique: true }],
      },
      { name: 'currencies', file: 'db/0001.sql', columns: ['code', 'name'], rls: false, indexes: [] },
    ]);
  });

  it('finds the tenant column the tables use, and none in a single-tenant schema', () => {
    expect(tenantColumnOf(tables)).toBe('org_id');
    expect(
      tenantColumnOf(readTables([{ path: 'a.sql', text: 'CREATE TABLE notes (id bigserial, title text);' }])),
    ).toBe(undefined);
  });
});

describe('dialectOf', () => {
  it('tells MySQL and SQLite from PostgreSQL', () => {
    expect(dialectOf(['CREATE TABLE a (id int AUTO_INCREMENT) ENGINE=InnoDB;'])).toBe('mysql');
    expect(dialectOf(['CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT);'])).toBe('sqlite');
    expect(dialectOf([sql])).toBe('postgresql');
  });
});
