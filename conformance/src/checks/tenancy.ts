import type { GateId } from '@shipshape/contracts';
import type { CheckContext, Created } from '../context.js';
import type { Exchange } from '../http.js';
import { defineCheck, describe, fail, pass, skipNow, type CheckDefinition } from '../registry.js';
import { unauthenticatedCheck } from './tenancy-auth.js';
import { is2xx, lookalike, problemBody, scanContains, scanList, updateBody } from './util.js';

const GATE: GateId = 'data.rls_enabled';

function crossTenantOk(ctx: CheckContext, exchange: Exchange): boolean {
  return !exchange.error && ctx.config.crossTenantStatuses.includes(exchange.status);
}

function expected(ctx: CheckContext): string {
  return ctx.config.crossTenantStatuses.join(' or ');
}

/** Reads a resource (an id of tenant A's, or a created one at its own URL) as a tenant. */
async function readAs(ctx: CheckContext, target: string | Created, as = ctx.tenantA) {
  const path = typeof target === 'string' ? ctx.itemPath(target) : (target.url ?? ctx.itemPath(target.id));
  return ctx.send({ method: 'GET', path, as });
}

/** Strings of A's resource that must never show up in B's answers (ids excluded: B sent those). */
function secretsOf(ctx: CheckContext, exchange: Exchange, id: string): string[] {
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string' && value.length >= 8 && value !== id && !/^\d{4}-\d\d-\d\d/.test(value))
      out.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(exchange.json);
  return [...new Set(out)].filter((s) => !['application/json'].includes(s)).slice(0, 20);
}

/** Reads of a resource public by design (config publicResources) are not isolation findings. */
function publicReads(ctx: CheckContext): string | undefined {
  return ctx.publicResource()
    ? `${ctx.resource().collectionPath} is public by design (config "publicResources"): every tenant may read it, so only writes are judged`
    : undefined;
}

export const tenancyChecks: CheckDefinition[] = [
  defineCheck({
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
  }),
  defineCheck({
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
  }),
  defineCheck({
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
      const patch = updateBody(ctx, 'tupd-b')!;
      const op = ctx.resource().update!;
      const b = await ctx.send({
        method: op.method,
        path: ctx.itemPath(own.id),
        as: ctx.tenantB,
        json: patch.body,
        contentType: patch.contentType,
      });
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
  }),
  defineCheck({
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
  }),
  defineCheck({
    id: 'tenancy.oracle',
    title: "B's answer for A's id is indistinguishable from an unknown id",
    gate: GATE,
    profile: 'standard',
    writes: true,
    requires: ['create', 'read', 'two-tenants'],
    appliesTo: publicReads,
    async run(ctx) {
      const own = await ctx.stimuli.sharedResource();
      const [forA, forRandom, control] = await Promise.all([
        readAs(ctx, own.id, ctx.tenantB),
        readAs(ctx, lookalike(own.id), ctx.tenantB),
        readAs(ctx, own.id, ctx.tenantA),
      ]);
      // No vacuous pass: when A cannot read its own resource either, nothing was compared.
      if (!is2xx(control))
        skipNow(`A cannot read its own resource (${describe(control)}): nothing to compare`, control);
      if (forA.status !== forRandom.status) {
        return fail(
          `A's id answers ${forA.status} to B, an unknown id ${forRandom.status}: existence leaks`,
          forA,
        );
      }
      const pa = problemBody(forA) ?? {};
      const pr = problemBody(forRandom) ?? {};
      for (const member of ['type', 'code', 'title']) {
        if (JSON.stringify(pa[member]) !== JSON.stringify(pr[member])) {
          return fail(
            `"${member}" differs: ${JSON.stringify(pa[member])} for A's id, ${JSON.stringify(pr[member])} for an unknown id`,
            forA,
          );
        }
      }
      const keys = (p: Record<string, unknown>) => Object.keys(p).sort().join(',');
      if (keys(pa) !== keys(pr)) return fail(`body shape differs: {${keys(pa)}} vs {${keys(pr)}}`, forA);
      return pass(`both answer ${forA.status} with the same problem type and shape`, forA);
    },
  }),
  defineCheck({
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
        const update = ctx.model.resource?.update;
        if (ctx.publicResource() && update) {
          // Every tenant reads a public resource: ownership shows in who may change it.
          const patch = updateBody(ctx, 'tfield-a')!;
          const asA = await ctx.send({
            method: update.method,
            path: ctx.itemPath(entry.id),
            as: ctx.tenantA,
            json: patch.body,
            contentType: patch.contentType,
          });
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
  }),
  defineCheck({
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
  }),
  defineCheck({
    id: 'tenancy.no_echo',
    title: "Error bodies to B never echo A's data",
    gate: GATE,
    profile: 'standard',
    writes: true,
    requires: ['create', 'read', 'two-tenants'],
    appliesTo: publicReads,
    async run(ctx) {
      const own = await ctx.stimuli.sharedResource();
      const asA = await readAs(ctx, own.id);
      const secrets = [own.marker, ...secretsOf(ctx, asA, own.id)];
      const attempts: Exchange[] = [await readAs(ctx, own.id, ctx.tenantB)];
      const update = ctx.model.resource?.update;
      if (update) {
        const patch = updateBody(ctx, 'echo')!;
        attempts.push(
          await ctx.send({
            method: update.method,
            path: ctx.itemPath(own.id),
            as: ctx.tenantB,
            json: patch.body,
            contentType: patch.contentType,
          }),
        );
      }
      for (const attempt of attempts) {
        const leaked = secrets.find((s) => attempt.bodyText.includes(s));
        if (leaked) return fail(`B's answer contains A's data ("${leaked.slice(0, 40)}")`, attempt);
      }
      return pass(`${attempts.length} answers to B carry none of A's ${secrets.length} values`, attempts[0]);
    },
  }),
  unauthenticatedCheck,
];
