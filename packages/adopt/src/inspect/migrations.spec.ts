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
        indexes: [
          { name: 'accounts_pkey', columns: ['id'], unique: true },
          { name: 'accounts_org_idx', columns: ['org_id', 'id'], unique: true },
        ],
      },
      {
        name: 'currencies',
        file: 'db/0001.sql',
        columns: ['code', 'name'],
        rls: false,
        indexes: [{ name: 'currencies_pkey', columns: ['code'], unique: true }],
      },
    ]);
  });

  it('names the indexes of primary keys and unique constraints as PostgreSQL does (they are in pg_indexes)', () => {
    const [grants] = readTables([
      {
        path: 'a.sql',
        text: 'CREATE TABLE grants (tenant_id text, user_id uuid, slug text UNIQUE, PRIMARY KEY (tenant_id, user_id), UNIQUE (tenant_id, slug));',
      },
    ]);
    expect(grants.indexes).toEqual([
      { name: 'grants_pkey', columns: ['tenant_id', 'user_id'], unique: true },
      { name: 'grants_slug_key', columns: ['slug'], unique: true },
      { name: 'grants_tenant_id_slug_key', columns: ['tenant_id', 'slug'], unique: true },
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
