import { defineCheck, describe, fail, pass, skipNow } from '../../registry.js';
import { is2xx, scanContains, scanList } from '../util.js';
import { crossTenantOk, expected, GATE, publicReads, readAs } from './support.js';

/** Reading across tenants: B must not reach A's resource by its id or in its list. */
export const readCheck = defineCheck({
  id: 'tenancy.read',
  title: "Tenant B cannot read tenant A's resource",
  gate: GATE,
  profile: 'standard',
  writes: true,
  requires: ['create', 'read', 'two-tenants'],
  appliesTo: publicReads,
  async run(ctx) {
    const own = await ctx.stimuli.sharedResource();
    const b = await readAs(ctx, own.id, ctx.tenantB);
    if (!crossTenantOk(ctx, b))
      return fail(`B reading A's resource got ${b.status}, expected ${expected(ctx)}`, b);
    const a = await readAs(ctx, own.id);
    if (!is2xx(a)) return fail(`A can no longer read its own resource: ${describe(a)}`, a);
    return pass(`B → ${b.status}; A still reads it`, b);
  },
});

export const listCheck = defineCheck({
  id: 'tenancy.list',
  title: "Tenant B's list never includes tenant A's resource",
  gate: GATE,
  profile: 'standard',
  writes: true,
  requires: ['create', 'list', 'two-tenants'],
  appliesTo: publicReads,
  async run(ctx) {
    const own = await ctx.stimuli.sharedResource();
    const b = await scanList(ctx, ctx.tenantB);
    const refused = b.pages.at(-1)!;
    // A nested list under A's parent: B must not even reach it.
    if (!b.ok && ctx.resource().parent && crossTenantOk(ctx, refused))
      return pass(`B listing under A's parent → ${refused.status}`, refused);
    if (!b.ok) skipNow(`B's list did not answer: ${describe(refused)}`, refused);
    const leaked = scanContains(b, own.id, own.marker);
    if (leaked) return fail(`B's list includes A's resource ${own.id}`, leaked);
    const a = await scanList(ctx, ctx.tenantA);
    const seen = a.ok && scanContains(a, own.id, own.marker);
    return pass(
      `${b.pages.length} page(s) of B's list exclude A's resource${seen ? "; A's list shows it" : a.complete ? '' : " (A's pages read do not reach it either)"}`,
      b.pages[0],
    );
  },
});
