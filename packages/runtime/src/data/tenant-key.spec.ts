import { describe, expect, it } from 'vitest';
import { TenantKey, TenantKeyError, tenantKeyHolder } from './tenant-key.js';

const KEY = Uint8Array.from({ length: 32 }, (_, i) => i);

const failing = (code: string) => async () => {
  throw Object.assign(new Error(`pg says ${code}`), { code });
};

describe('TenantKey', () => {
  it('signs a tenant id as hex HMAC-SHA256, the value the database recomputes', () => {
    // Computed independently: printf tenant-a | openssl dgst -sha256 -mac HMAC -macopt hexkey:000102…1f
    const key = new TenantKey(KEY);
    expect(key.sign('tenant-a')).toBe('7dd5d4d2dbd0fae53ca3a10b15835704c2f9435999af5e5d06a397ade23766dd');
    expect(key.sign('tenant-a')).toBe(key.sign('tenant-a'));
    expect(key.sign('tenant-b')).not.toBe(key.sign('tenant-a'));
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new TenantKey(new Uint8Array(16))).toThrow('32 bytes');
  });
});

describe('tenantKeyHolder', () => {
  it('reads the key once and shares it', async () => {
    let reads = 0;
    const holder = tenantKeyHolder(async () => {
      reads++;
      return { rows: [{ key: KEY }], rowCount: 1 };
    });
    const [a, b] = await Promise.all([holder.get(), holder.get()]);
    expect(a).toBe(b);
    expect(reads).toBe(1);
  });

  it('does not remember a failed read, so migrating later fixes it', async () => {
    let migrated = false;
    const holder = tenantKeyHolder(async (sql) => {
      if (!migrated) await failing('42P01')();
      expect(sql).toBe('select key from shipshape_tenant_key');
      return { rows: [{ key: KEY }], rowCount: 1 };
    });
    await expect(holder.get()).rejects.toThrow(/does not exist: apply the runtime migrations/);
    migrated = true;
    await expect(holder.get()).resolves.toBeInstanceOf(TenantKey);
  });

  it('says what to do when the role may not read the key, and uses a given source instead', async () => {
    const holder = tenantKeyHolder(failing('42501'));
    const error = await holder.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantKeyError);
    expect((error as Error).message).toContain('useTenantKey');
    const owners = new TenantKey(KEY);
    holder.use(async () => owners);
    await expect(holder.get()).resolves.toBe(owners);
  });

  it('reports an empty key table and passes other errors through', async () => {
    await expect(tenantKeyHolder(async () => ({ rows: [], rowCount: 0 })).get()).rejects.toThrow(/is empty/);
    await expect(tenantKeyHolder(failing('08006')).get()).rejects.toThrow('pg says 08006');
  });
});
