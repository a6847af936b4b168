import { mkdtemp, rm, writeFile, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/data/types.js';
import {
  loadMigrations,
  MigrationError,
  runMigrations,
  runtimeMigrations,
  type MigrationSource,
} from '../src/migrations/runner.js';
import { backends, title, type BackendHandle } from './support/backends.js';

async function tempSource(files: Record<string, string>): Promise<MigrationSource> {
  const dir = await mkdtemp(join(tmpdir(), 'shipshape-mig-'));
  for (const [name, sql] of Object.entries(files)) await writeFile(join(dir, name), sql);
  return { source: 'service', dir };
}

describe('loadMigrations', () => {
  it('orders NNNN_name.sql files and ignores other files', async () => {
    const src = await tempSource({ '0002_b.sql': 'select 2', '0001_a.sql': 'select 1', 'README.md': '#' });
    const list = await loadMigrations(src);
    expect(list.map((m) => m.name)).toEqual(['0001_a.sql', '0002_b.sql']);
    expect(list[0].checksum).toMatch(/^[0-9a-f]{64}$/);
    await rm(src.dir, { recursive: true });
  });

  it('gives CRLF and LF copies of a file the same checksum', async () => {
    const a = await tempSource({ '0001_a.sql': 'select 1;\nselect 2;\n' });
    const b = await tempSource({ '0001_a.sql': 'select 1;\r\nselect 2;\r\n' });
    expect((await loadMigrations(a))[0].checksum).toBe((await loadMigrations(b))[0].checksum);
  });

  it('refuses misnamed files and duplicate numbers with one line', async () => {
    const bad = await tempSource({ '1_init.sql': 'select 1' });
    await expect(loadMigrations(bad)).rejects.toThrow(/must be named NNNN_name\.sql/);
    const dup = await tempSource({ '0001_a.sql': 'select 1', '0001_b.sql': 'select 1' });
    await expect(loadMigrations(dup)).rejects.toThrow('migrations 0001_a.sql and 0001_b.sql');
  });

  it('treats a missing optional folder as empty and a missing required one as an error', async () => {
    expect(await loadMigrations({ source: 'service', dir: '/nonexistent/migrations' })).toEqual([]);
    await expect(
      loadMigrations({ source: 'x', dir: '/nonexistent/migrations', optional: false }),
    ).rejects.toThrow(MigrationError);
  });

  it('finds the runtime migrations shipped with the package', async () => {
    const list = await loadMigrations(runtimeMigrations);
    expect(list.map((m) => m.name)).toEqual([
      '0001_app_role.sql',
      '0002_idempotency_keys.sql',
      '0003_outbox.sql',
      '0004_inbox.sql',
      '0005_audit_log.sql',
      '0006_idempotency_principal.sql',
      '0007_outbox_dead_letter.sql',
      '0008_tenant_binding.sql',
    ]);
  });
});

describe.each(backends())('runMigrations on $name', (backend) => {
  describe.skipIf(backend.skip !== undefined)(title(backend), () => {
    let handle: BackendHandle;
    let db: Database;
    let service: MigrationSource;

    beforeAll(async () => {
      handle = await backend.setup();
      db = await handle.open();
      service = await tempSource({
        '0001_items.sql': 'create table items (id int primary key);',
        '0002_more.sql': 'alter table items add column name text;',
      });
    }, 120_000);
    afterAll(async () => {
      await db?.close();
      await handle?.cleanup();
      if (service) await rm(service.dir, { recursive: true, force: true });
    });

    it('applies each migration once, even when two instances start together', async () => {
      const second = await handle.open();
      const [a, b] = await Promise.all([
        runMigrations(db, [runtimeMigrations, service]),
        runMigrations(second, [runtimeMigrations, service]),
      ]);
      await second.close();
      expect(a.applied.length + b.applied.length).toBe(10);
      expect(Math.min(a.applied.length, b.applied.length)).toBe(0);
      const { rows } = await db.query<{ source: string; name: string }>(
        'select source, name from shipshape_migrations order by source, name',
      );
      expect(rows.map((r) => `${r.source}/${r.name}`)).toEqual([
        'service/0001_items.sql',
        'service/0002_more.sql',
        'shipshape/0001_app_role.sql',
        'shipshape/0002_idempotency_keys.sql',
        'shipshape/0003_outbox.sql',
        'shipshape/0004_inbox.sql',
        'shipshape/0005_audit_log.sql',
        'shipshape/0006_idempotency_principal.sql',
        'shipshape/0007_outbox_dead_letter.sql',
        'shipshape/0008_tenant_binding.sql',
      ]);
      const again = await runMigrations(db, [runtimeMigrations, service]);
      expect(again).toEqual({ applied: [], unchanged: 10 });
    });

    it('refuses an applied migration that was edited, naming it', async () => {
      await writeFile(join(service.dir, '0002_more.sql'), 'alter table items add column name varchar(10);');
      const err = await runMigrations(db, [runtimeMigrations, service]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MigrationError);
      expect((err as Error).message).toMatch(
        /^migration service\/0002_more\.sql was edited after it was applied \(checksum [0-9a-f]{12} recorded, [0-9a-f]{12} on disk\); migrations are forward-only, add a new migration instead$/,
      );
      await writeFile(join(service.dir, '0002_more.sql'), 'alter table items add column name text;');
    });

    it('refuses a deleted applied migration and a new one numbered below the last applied', async () => {
      await writeFile(join(service.dir, '0003_last.sql'), 'select 1;');
      await runMigrations(db, [runtimeMigrations, service]);
      await unlink(join(service.dir, '0003_last.sql'));
      await expect(runMigrations(db, [runtimeMigrations, service])).rejects.toThrow(
        'migration service/0003_last.sql was applied but its file is missing',
      );
      await writeFile(join(service.dir, '0003_last.sql'), 'select 1;');
      await writeFile(join(service.dir, '0000_early.sql'), 'select 1;');
      await expect(runMigrations(db, [runtimeMigrations, service])).rejects.toThrow(
        'migration service/0000_early.sql is new but 0003_last.sql is already applied; renumber it after 0003',
      );
      await unlink(join(service.dir, '0000_early.sql'));
    });

    it('rolls back a failing migration and records nothing for it', async () => {
      await writeFile(
        join(service.dir, '0004_broken.sql'),
        'create table half (id int); select * from no_such_table;',
      );
      await expect(runMigrations(db, [runtimeMigrations, service])).rejects.toThrow(
        /^migration service\/0004_broken\.sql failed: relation "no_such_table" does not exist$/,
      );
      const { rows } = await db.query(`select name from shipshape_migrations where name = '0004_broken.sql'`);
      expect(rows).toEqual([]);
      const half = await db.query(`select to_regclass('half') as t`);
      expect(half.rows).toEqual([{ t: null }]);
      await unlink(join(service.dir, '0004_broken.sql'));
    });
  });
});
