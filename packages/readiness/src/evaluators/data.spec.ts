import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase } from '../artifacts/pgcatalog.js';
import { cleanup, context, makeService, writeConformance } from '../../test/support.js';
import { indexesDocumented, migrationsForwardOnly, partitionsProvisioned, rlsEnabled } from './data.js';

// One embedded PostgreSQL for the whole file (the evaluator shares it and resets it between services).
afterAll(async () => {
  await closeDatabase();
  await cleanup();
});

const TABLE = `CREATE TABLE things (id uuid PRIMARY KEY, tenant_id text NOT NULL, name text);
CREATE INDEX things_tenant_idx ON things (tenant_id);
ALTER TABLE things ENABLE ROW LEVEL SECURITY;
ALTER TABLE things FORCE ROW LEVEL SECURITY;
CREATE POLICY things_tenant ON things USING (tenant_id = current_setting('app.tenant_id', true));
`;

const rls = async (files: Record<string, string>) => rlsEnabled(await context(await makeService(files)));

describe('data.migrations_forward_only', () => {
  it('is GREEN for numbered, unedited migrations that apply', async () => {
    const dir = await makeService({
      'migrations/0001_things.sql': TABLE,
      'migrations/0002_more.sql': 'SELECT 1;',
    });
    expect(await migrationsForwardOnly(await context(dir))).toMatchObject({
      status: 'GREEN',
      reason: '2 migrations in sequence, applied on a fresh PostgreSQL, none edited since generated',
    });
  });

  it('is RED for a misnamed file, a reused number or a down migration', async () => {
    const dir = await makeService({
      'migrations/0001_things.sql': TABLE,
      'migrations/0001_again.sql': 'SELECT 1;',
      'migrations/0002_things_down.sql': '-- expand/contract: gone since release 1.0\nDROP TABLE things;',
      'migrations/fix.sql': 'SELECT 1;',
    });
    const v = await migrationsForwardOnly(await context(dir));
    expect(v.status).toBe('RED');
    expect(v.reason).toBe(
      'migrations/0001_things.sql reuses number 0001 (0001_again.sql), migrations/0002_things_down.sql is a down migration (migrations are forward-only) and 1 more',
    );
  });

  it('is AMBER when a generated migration was edited after the generator wrote it', async () => {
    const dir = await makeService({
      'migrations/0001_things.sql': `${TABLE}-- edited\n`,
      '.shipshape/manifest.json': JSON.stringify({
        files: { 'migrations/0001_things.sql': createHash('sha256').update(TABLE).digest('hex') },
      }),
    });
    const v = await migrationsForwardOnly(await context(dir));
    expect(v.status).toBe('AMBER');
    expect(v.reason).toMatch(/^migrations\/0001_things.sql differs from what the generator wrote/);
  });

  it.each([
    ['DROP COLUMN', 'ALTER TABLE things DROP COLUMN name;'],
    ['DROP TABLE', 'DROP TABLE things;'],
    ['type change', 'ALTER TABLE things ALTER COLUMN name TYPE varchar(10);'],
    ['NOT NULL without default', 'ALTER TABLE things ADD COLUMN code text NOT NULL;'],
    ['SET NOT NULL', 'ALTER TABLE things ALTER COLUMN name SET NOT NULL;'],
    ['rename', 'ALTER TABLE things RENAME COLUMN name TO title;'],
  ])(
    'is RED for %s without an expand/contract marker, GREEN with one naming the release',
    async (kind, sql) => {
      const bare = await makeService({
        'migrations/0001_things.sql': TABLE,
        'migrations/0002_change.sql': `${sql}\n`,
      });
      const v = await migrationsForwardOnly(await context(bare));
      expect(v.status).toBe('RED');
      expect(v.reason).toBe(
        `migrations/0002_change.sql:1 ${kind} without an expand/contract marker (-- expand/contract: <what>, unused since release <version>)`,
      );
      const marked = await makeService({
        'migrations/0001_things.sql': TABLE,
        'migrations/0002_change.sql': `-- expand/contract: readers stopped using it in release 2.3.0\n${sql}\n`,
      });
      expect((await migrationsForwardOnly(await context(marked))).status).toBe('GREEN');
    },
  );

  it('is RED when a migration does not apply on a fresh PostgreSQL', async () => {
    const dir = await makeService({
      'migrations/0001_things.sql': 'CREATE TABLE things (id uuid, nope nonsense);',
    });
    const v = await migrationsForwardOnly(await context(dir));
    expect(v.status).toBe('RED');
    expect(v.reason).toMatch(
      /^migrations\/0001_things.sql does not apply on a fresh PostgreSQL: type "nonsense"/,
    );
  });
});

describe('data.rls_enabled (read from pg_class, pg_policies and grants)', () => {
  it('is GREEN when every tenant table has RLS enabled, forced and a tenant-scoped policy per command', async () => {
    expect(await rls({ 'migrations/0001_things.sql': TABLE })).toMatchObject({ status: 'GREEN' });
  });

  it('is GREEN for a service of another shape: own tenant column and setting, per-command policies, a global table', async () => {
    const v = await rlsEnabled(
      await context(
        await makeService({
          'readiness.yaml':
            'data:\n  tenantColumn: org_id\n  tenantSetting: acme.org\n  globalTables: [currencies]\n',
          'migrations/0001_ledger.sql': `CREATE ROLE ledger_app NOLOGIN;
CREATE TABLE currencies (code text PRIMARY KEY);
CREATE TABLE entries (id bigint, org_id text NOT NULL, amount numeric);
ALTER TABLE entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE entries FORCE ROW LEVEL SECURITY;
CREATE POLICY entries_read ON entries FOR SELECT USING (org_id = current_setting('acme.org'));
CREATE POLICY entries_add ON entries FOR INSERT WITH CHECK (org_id = current_setting('acme.org'));
GRANT SELECT, INSERT ON entries TO ledger_app;
GRANT SELECT ON currencies TO ledger_app;`,
        }),
      ),
    );
    expect(v.status).toBe('GREEN');
    expect(v.reason).toMatch(/^1 tenant table .* global: currencies$/);
  });

  describe('on the Shipshape runtime (its migrations, with the signed tenant binding, apply first)', () => {
    const onRuntime = (policy: string) =>
      rls({
        'package.json': JSON.stringify({ dependencies: { '@shipshape/runtime': '0.1.0' } }),
        'migrations/0001_things.sql': `${TABLE.replace("tenant_id = current_setting('app.tenant_id', true)", policy)}GRANT SELECT, INSERT, UPDATE, DELETE ON things TO shipshape_app;\n`,
      });

    it('is GREEN when every policy compares the tenant column with the signed binding', async () => {
      const v = await onRuntime('tenant_id = (SELECT shipshape_current_tenant())');
      expect(v.status).toBe('GREEN');
      expect(v.reason).toMatch(
        /tenant tables .* scoped by the signed tenant binding \(shipshape_current_tenant\(\)\)$/,
      );
      // The runtime's tables were judged too; its owner-only key table is not a tenant table.
      expect(v.evidence?.map((e) => e.detail?.split(':')[0])).toEqual(
        expect.arrayContaining(['shipshape_outbox', 'things']),
      );
      expect(v.evidence?.map((e) => e.detail ?? '').join()).not.toContain('shipshape_tenant_key');
    });

    it('is AMBER when a policy trusts the raw tenant setting, which set_config can rebind', async () => {
      const v = await onRuntime("tenant_id = current_setting('app.tenant_id', true)");
      expect(v.status).toBe('AMBER');
      expect(v.reason).toMatch(
        /^things\.things_tenant: compare the tenant column with \(SELECT shipshape_current_tenant\(\)\)/,
      );
    });
  });

  it('is AMBER when the migrations do not apply (UNKNOWN), and when there is no table at all', async () => {
    expect(await rls({ 'migrations/0001_x.sql': 'CREATE TABLE x (a nonsense);' })).toMatchObject({
      status: 'AMBER',
      code: 'UNKNOWN',
    });
    expect((await rls({ 'migrations/0001_x.sql': 'SELECT 1;' })).status).toBe('AMBER');
  });

  // Each shortcut that fooled the regular-expression reading must not be GREEN.
  it.each([
    [
      'RLS enabled but not forced',
      TABLE.replace('ALTER TABLE things FORCE ROW LEVEL SECURITY;', ''),
      /relforcerowsecurity off/,
    ],
    [
      'a policy that does not look at the tenant',
      TABLE.replace("tenant_id = current_setting('app.tenant_id', true)", 'true'),
      /no SELECT policy comparing tenant_id/,
    ],
    [
      'an extra permissive policy that opens every row',
      `${TABLE}CREATE POLICY things_open ON things FOR SELECT USING (true);`,
      /policy things_open \(SELECT\) does not compare tenant_id/,
    ],
    [
      'a policy on another setting',
      TABLE.replace("current_setting('app.tenant_id', true)", "current_setting('app.user', true)"),
      /no SELECT policy/,
    ],
    [
      'CREATE TABLE … AS (skipped by the text reading)',
      `${TABLE}CREATE TABLE copy AS SELECT * FROM things;`,
      /copy: relrowsecurity off/,
    ],
    [
      'a grant to a role that bypasses RLS',
      `${TABLE}CREATE ROLE reporting BYPASSRLS;\nGRANT SELECT ON things TO reporting;`,
      /granted to reporting, which bypasses row-level security/,
    ],
    [
      'RLS switched off by a later statement',
      `${TABLE}ALTER TABLE things DISABLE ROW LEVEL SECURITY;`,
      /relrowsecurity off/,
    ],
    [
      'a tenant table without the tenant column',
      `${TABLE}CREATE TABLE notes (id uuid, body text);`,
      /notes: no tenant_id column/,
    ],
  ])('is RED for %s', async (_name, sql, reason) => {
    const v = await rls({ 'migrations/0001_things.sql': sql });
    expect(v.status).toBe('RED');
    expect(v.reason).toMatch(reason);
  });

  it('turns RED when the conformance tenancy checks failed, but does not need them to be GREEN', async () => {
    const dir = await makeService({ 'migrations/0001_things.sql': TABLE });
    await writeConformance(dir, [
      { id: 'tenancy.read', gate: 'data.rls_enabled', status: 'fail', detail: 'B read A' },
    ]);
    const v = await rlsEnabled(await context(dir));
    expect(v.status).toBe('RED');
    expect(v.reason).toBe('conformance: 1 check failed (tenancy.read): B read A');
  });
});

describe('data.indexes_documented (pg_indexes)', () => {
  const doc = (rows: string) =>
    `# data model\n\n## things\n\n| index | columns | unique |\n| ----- | ------- | ------ |\n${rows}\n`;

  it('is GREEN when DATA_MODEL and the database have the same indexes', async () => {
    const dir = await makeService({
      'migrations/0001_things.sql': TABLE,
      'docs/DATA_MODEL.md': doc('| `things_pkey` | `id` | yes |\n| `things_tenant_idx` | `tenant_id` | no |'),
    });
    expect(await indexesDocumented(await context(dir))).toMatchObject({
      status: 'GREEN',
      reason: '2 indexes of the service tables (pg_indexes) match DATA_MODEL',
    });
  });

  it('is RED on drift either way, including an index the text reading missed (a UNIQUE constraint added later)', async () => {
    const dir = await makeService({
      'migrations/0001_things.sql': `${TABLE}ALTER TABLE things ADD CONSTRAINT things_name_uq UNIQUE (tenant_id, name);`,
      'docs/DATA_MODEL.md': doc('| `things_pkey` | `id` | yes |\n| `things_name_idx` | `name` | no |'),
    });
    expect((await indexesDocumented(await context(dir))).reason).toBe(
      'index drift — not in DATA_MODEL: things_name_uq, things_tenant_idx; in DATA_MODEL but not in the database: things_name_idx',
    );
  });
});

describe('data.partitions_provisioned', () => {
  it('is GREEN without partitioned tables and needs an attestation with one', async () => {
    expect(
      (await partitionsProvisioned(await context(await makeService({ 'migrations/0001_things.sql': TABLE }))))
        .status,
    ).toBe('GREEN');
    const dir = await makeService({
      'migrations/0001_events.sql': 'CREATE TABLE events (at date, tenant_id text) PARTITION BY RANGE (at);',
    });
    const v = await partitionsProvisioned(await context(dir));
    expect(v.status).toBe('AMBER');
    expect(v.reason).toMatch(/^events partitioned — not attested/);
  });
});
