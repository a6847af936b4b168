import type { Exchange } from '../../http.js';
import { defineCheck, describe, fail, pass, skipNow } from '../../registry.js';
import { is2xx, lookalike, problemBody } from '../util.js';
import { GATE, publicReads, readAs, secretsOf, updateAs } from './support.js';

/** What B's refusals give away: whether A's id exists (the oracle) and A's data echoed in error bodies. */
export const oracleCheck = defineCheck({
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
});

export const noEchoCheck = defineCheck({
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
    if (ctx.model.resource?.update) attempts.push(await updateAs(ctx, own.id, ctx.tenantB, 'echo'));
    for (const attempt of attempts) {
      const leaked = secrets.find((s) => attempt.bodyText.includes(s));
      if (leaked) return fail(`B's answer contains A's data ("${leaked.slice(0, 40)}")`, attempt);
    }
    return pass(`${attempts.length} answers to B carry none of A's ${secrets.length} values`, attempts[0]);
  },
});
