import { defineCheck, describe, fail, pass, skipNow } from '../../registry.js';
import { is2xx } from '../util.js';
import { crossTenantOk, expected, GATE, readAs, updateAs } from './support.js';

/** Writing across tenants: B must not change or delete A's resource, and A's resource stays as it was. */
export const updateCheck = defineCheck({
  id: 'tenancy.update',
  title: "Tenant B cannot change tenant A's resource",
  gate: GATE,
  profile: 'standard',
  writes: true,
  requires: ['create', 'read', 'update', 'two-tenants'],
  async run(ctx) {
    const own = await ctx.create(ctx.tenantA, 'tupd');
    const before = await readAs(ctx, own.id);
    if (!is2xx(before)) skipNow(`A cannot read its resource: ${describe(before)}`, before);
    const b = await updateAs(ctx, own.id, ctx.tenantB, 'tupd-b');
    const after = await readAs(ctx, own.id);
    if (!crossTenantOk(ctx, b))
      return fail(`B changing A's resource got ${b.status}, expected ${expected(ctx)}`, b);
    if (after.bodyText !== before.bodyText) {
      const was = (before.json ?? {}) as Record<string, unknown>;
      const now = (after.json ?? {}) as Record<string, unknown>;
      const changed = [...new Set([...Object.keys(was), ...Object.keys(now)])].filter(
        (key) => JSON.stringify(was[key]) !== JSON.stringify(now[key]),
      );
      return fail(`A's resource changed after B's attempt (${changed.join(', ') || 'body'})`, after);
    }
    return pass(`B → ${b.status}; A's resource unchanged`, b);
  },
});

export const deleteCheck = defineCheck({
  id: 'tenancy.delete',
  title: "Tenant B cannot delete tenant A's resource",
  gate: GATE,
  profile: 'standard',
  writes: true,
  requires: ['create', 'read', 'remove', 'two-tenants'],
  async run(ctx) {
    const own = await ctx.create(ctx.tenantA, 'tdel');
    const b = await ctx.send({ method: 'DELETE', path: ctx.itemPath(own.id), as: ctx.tenantB });
    const after = await readAs(ctx, own.id);
    if (!crossTenantOk(ctx, b))
      return fail(`B deleting A's resource got ${b.status}, expected ${expected(ctx)}`, b);
    if (!is2xx(after)) return fail(`A's resource is gone after B's attempt: ${describe(after)}`, after);
    return pass(`B → ${b.status}; A's resource still there`, b);
  },
});
