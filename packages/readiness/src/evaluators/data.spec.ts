import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, context, makeService, writeConformance } from '../../test/support.js';
import { indexesDocumented, migrationsForwardOnly, partitionsProvisioned, rlsEnabled } from './data.js';

afterAll(cleanup);

const TABLE = `CREATE TABLE things (id uuid PRIMARY KEY, tenant_id text NOT NULL, name text);
CREATE INDEX things_tenant_idx ON things (tenant_id);
ALTER TABLE things ENABLE ROW LEVEL SECURITY;
ALTER TABLE things FORCE ROW LEVEL SECURITY;
CREATE POLICY things_tenant ON things USING (tenant_id = current_setting('app.tenant_id', true));
`;

describe('data.migrations_forward_only', () => {
  it('is GREEN for numbered, unedited migrations', async () => {
    const dir = await makeService({
      'migrations/0001_things.sql': TABLE,
      'migrations/0002_more.sql': 'SELECT 1;',
    });
    expect(await migrationsForwardOnly(await context(dir))).toMatchObject({
      status: 'GREEN',
      reason: '2 migrations in sequence, none edited since generated',
    });
  });

  it('is RED for a misnamed file, a reused number or a down migration', async () => {
    const dir = await makeService({
      'migrations/0001_things.sql': TABLE,
      'migrations/0001_again.sql': 'SELECT 1;',
      'migrations/0002_things_down.sql': 'DROP TABLE things;',
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
});

describe('data.rls_enabled', () => {
  it('is GREEN when every tenant table has RLS enabled, forced and a policy', async () => {
    const v = await rlsEnabled(await context(await makeService({ 'migrations/0001_things.sql': TABLE })));
    expect(v).toMatchObject({
      status: 'GREEN',
      reason: '1 tenant-scoped table with RLS enabled, forced and a policy',
    });
  });

  it('is RED for a tenant table without RLS, naming the table, file and line', async () => {
    const dir = await makeService({
      'migrations/0001_things.sql': TABLE,
      'migrations/0002_notes.sql':
        '-- notes\nCREATE TABLE notes (id uuid, tenant_id text);\nALTER TABLE notes ENABLE ROW LEVEL SECURITY;\n',
    });
    const v = await rlsEnabled(await context(dir));
    expect(v).toMatchObject({
      status: 'RED',
      reason: 'notes (migrations/0002_notes.sql:2): RLS not forced, no policy',
    });
  });

  it('turns RED when the conformance tenancy checks failed, but does not need them to be GREEN', async () => {
    const dir = await makeService({ 'migrations/0001_things.sql': TABLE });
    await writeConformance(
      dir,
      [{ id: 'tenancy.read', gate: 'data.rls_enabled', status: 'fail', detail: 'B read A' }],
      new Date(Date.now() + 1000),
    );
    const v = await rlsEnabled(await context(dir));
    expect(v.status).toBe('RED');
    expect(v.reason).toBe('conformance: 1 check failed (tenancy.read): B read A');
  });
});

describe('data.indexes_documented', () => {
  const doc = (rows: string) =>
    `# data model\n\n## things\n\n| index | columns | unique |\n| ----- | ------- | ------ |\n${rows}\n`;

  it('is GREEN when DATA_MODEL and the migrations list the same indexes', async () => {
    const dir = await makeService({
      'migrations/0001_things.sql': TABLE,
      'docs/DATA_MODEL.md': doc('| `things_pkey` | `id` | yes |\n| `things_tenant_idx` | `tenant_id` | no |'),
    });
    expect(await indexesDocumented(await context(dir))).toMatchObject({
      status: 'GREEN',
      reason: '2 indexes of the service tables match DATA_MODEL',
    });
  });

  it('is RED on drift either way', async () => {
    const dir = await makeService({
      'migrations/0001_things.sql': TABLE,
      'docs/DATA_MODEL.md': doc('| `things_pkey` | `id` | yes |\n| `things_name_idx` | `name` | no |'),
    });
    expect((await indexesDocumented(await context(dir))).reason).toBe(
      'index drift — not in DATA_MODEL: things_tenant_idx; in DATA_MODEL but not in the migrations: things_name_idx',
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
