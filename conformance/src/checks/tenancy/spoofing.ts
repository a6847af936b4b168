import type { Exchange } from '../../http.js';
import { defineCheck, describe, fail, pass, skipNow } from '../../registry.js';
import { is2xx, scanContains, scanList } from '../util.js';
import { crossTenantOk, GATE, publicReads, readAs, updateAs } from './support.js';

/** A tenant named anywhere but the token (body, query, tenant headers) must not move data between tenants. */
export const bodyTenantFieldCheck = defineCheck({
  id: 'tenancy.body_tenant_field',
  title: 'tenantId-style members in body or query cannot move data into another tenant',
  gate: GATE,
  profile: 'standard',
  writes: true,
  requires: ['create', 'two-tenants'],
  async run(ctx) {
    const fields = ctx.config.tenantFields;
    const victim = ctx.tenantIdOf(ctx.tenantA);
    const base = ctx.createBody('tfield') as Record<string, unknown>;
    const query = fields.map((f) => `${encodeURIComponent(f)}=${encodeURIComponent(victim)}`).join('&');
    const attempts: Array<{ label: string; body: unknown; path: string }> = [
      {
        label: `body and query ${fields.join('/')}=${victim}`,
        body:
          base && typeof base === 'object' && !Array.isArray(base)
            ? { ...base, ...Object.fromEntries(fields.map((f) => [f, victim])) }
            : base,
        path: `${ctx.collectionFor(ctx.tenantB)}?${query}`,
      },
      {
        label: `query ${fields.join('/')}=${victim}`,
        body: base,
        path: `${ctx.collectionFor(ctx.tenantB)}?${query}`,
      },
    ];
    const outcomes: string[] = [];
    let last: Exchange | undefined;
    for (const attempt of attempts) {
      const created = await ctx.send({
        method: 'POST',
        path: attempt.path,
        as: ctx.tenantB,
        json: attempt.body,
        headers: [[ctx.config.idempotencyHeader, ctx.idempotencyKey('tfield')]],
      });
      last = created;
      const entry = ctx.track(ctx.tenantB, created, attempt.body, 'tfield');
      if (!entry && is2xx(created)) {
        skipNow(
          `B's create answered ${created.status} naming no id (no "${ctx.config.idField}", no Location): cannot follow it`,
          created,
        );
      }
      if (!entry) {
        outcomes.push(`${attempt.label}: refused (${created.status})`);
        continue;
      }
      if (ctx.publicResource() && ctx.model.resource?.update) {
        // Every tenant reads a public resource: ownership shows in who may change it.
        const asA = await updateAs(ctx, entry.id, ctx.tenantA, 'tfield-a');
        if (!crossTenantOk(ctx, asA))
          return fail(`A may change a resource B created with ${attempt.label} (${asA.status})`, asA);
      } else if (ctx.model.resource?.read && !ctx.publicResource()) {
        const asA = await readAs(ctx, entry, ctx.tenantA);
        if (is2xx(asA)) {
          // Control: does A read B's resources anyway? Then the cause is a read leak, not the field.
          const control = await ctx.create(ctx.tenantB, 'tfield-control');
          const controlAsA = await readAs(ctx, control, ctx.tenantA);
          if (is2xx(controlAsA)) {
            return fail(
              `A reads B's resources whatever their body says (a read leak, see tenancy.read)`,
              controlAsA,
            );
          }
          return fail(`a resource B created with ${attempt.label} is readable by A`, asA);
        }
        const asB = await readAs(ctx, entry, ctx.tenantB);
        if (!is2xx(asB))
          return fail(`a resource B created with ${attempt.label} is not B's: ${describe(asB)}`, asB);
      }
      if (ctx.model.resource?.list && !ctx.publicResource()) {
        const leaked = scanContains(await scanList(ctx, ctx.tenantA), entry.id, `ss-${ctx.runId}-tfield`);
        if (leaked) return fail(`A's list shows what B created with ${attempt.label}`, leaked);
      }
      outcomes.push(`${attempt.label}: stayed in B's tenant`);
    }
    if (ctx.model.resource?.list && !ctx.publicResource()) {
      const own = await ctx.stimuli.sharedResource().catch(() => undefined);
      const leaked = own
        ? scanContains(await scanList(ctx, ctx.tenantB, { query }), own.id, own.marker)
        : undefined;
      if (leaked) return fail(`B's list with ?${query} shows A's resource`, leaked);
    }
    return pass(outcomes.join('; '), last);
  },
});

export const headerSpoofCheck = defineCheck({
  id: 'tenancy.header_spoof',
  title: "A tenant header naming A beside B's token gives no access",
  gate: GATE,
  profile: 'standard',
  writes: true,
  requires: ['create', 'read', 'two-tenants'],
  appliesTo: publicReads,
  async run(ctx) {
    const own = await ctx.stimuli.sharedResource();
    const headers = ctx.config.spoofHeaders.map((h): [string, string] => [h, ctx.tenantIdOf(ctx.tenantA)]);
    const read = await ctx.send({ method: 'GET', path: ctx.itemPath(own.id), as: ctx.tenantB, headers });
    if (!crossTenantOk(ctx, read)) {
      return fail(
        `B with ${ctx.config.spoofHeaders.join('/')}: ${ctx.tenantIdOf(ctx.tenantA)} got ${read.status} for A's resource`,
        read,
      );
    }
    if (ctx.model.resource?.list) {
      const leaked = scanContains(await scanList(ctx, ctx.tenantB, { headers }), own.id, own.marker);
      if (leaked) return fail("the spoofed list shows A's resource", leaked);
    }
    return pass(`spoofed tenant headers are ignored (${read.status})`, read);
  },
});
