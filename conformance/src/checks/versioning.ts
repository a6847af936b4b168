import type { GateId } from '@shipshape/contracts';
import { header, type Exchange } from '../http.js';
import { defineCheck, fail, pass, skip, type CheckDefinition } from '../registry.js';
import { fillPath } from '../spec.js';
import { requiredQuery } from './util.js';

const GATE: GateId = 'api.versioning';

/** RFC 9745 `Deprecation: @<epoch>` or an HTTP date (older drafts); `true` carries no date. */
function deprecationDate(value: string): number | undefined {
  const at = /^@(\d+)$/.exec(value.trim());
  if (at) return Number(at[1]) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : date;
}

export const versioningChecks: CheckDefinition[] = [
  defineCheck({
    id: 'versioning.prefix',
    title: 'Every business path is under one versioned prefix (such as /api/v1)',
    gate: GATE,
    profile: 'shipshape',
    writes: false,
    async run(ctx) {
      const probes = Object.values(ctx.config.health);
      const outside = [...ctx.model.methodsByPath.keys()].filter(
        (path) =>
          !path.startsWith(`${ctx.config.apiPrefix}/`) &&
          path !== ctx.config.apiPrefix &&
          !probes.includes(path),
      );
      if (ctx.model.methodsByPath.size === 0) return skip('the spec documents no paths');
      const prefix = ctx.config.apiPrefix;
      if (!/\/v\d+(?:\.\d+)*$/i.test(prefix)) {
        return fail(
          prefix
            ? `the business paths sit under ${prefix}, which has no version segment (e.g. ${prefix}/v1)`
            : 'the business paths have no common prefix with a version segment (e.g. /api/v1)',
        );
      }
      if (outside.length) return fail(`outside ${prefix}: ${outside.join(', ')}`);
      return pass(`${ctx.model.methodsByPath.size} paths under ${ctx.config.apiPrefix} (probes excepted)`);
    },
  }),
  defineCheck({
    id: 'versioning.deprecation_headers',
    title: 'Deprecated operations send Deprecation (Sunset not earlier); others do not',
    gate: GATE,
    profile: 'standard',
    writes: false,
    async run(ctx) {
      const gets = ctx.businessOperations().filter((op) => op.method === 'GET');
      if (gets.length === 0) return skip('the spec has no GET operation to observe');
      const idParam = ctx.model.resource?.idParam;
      const shared = ctx.readOnly ? undefined : await ctx.stimuli.sharedResource().catch(() => undefined);
      const exchanges = await Promise.all(
        gets.map(async (op) => {
          const values: Record<string, string> = {};
          if (idParam) values[idParam] = shared?.id ?? ctx.randomId();
          const path = fillPath(op.path, values, ctx.randomId()) + requiredQuery(ctx, op);
          return { op, e: await ctx.send({ method: 'GET', path, as: ctx.tenantA }) };
        }),
      );
      let deprecated = 0;
      let first: Exchange | undefined;
      for (const { op, e } of exchanges) {
        if (e.error) continue;
        first ??= e;
        const dep = header(e, 'deprecation');
        if (op.deprecated) {
          deprecated += 1;
          if (!dep)
            return fail(`GET ${op.path} is deprecated in the spec but sends no Deprecation header`, e);
          const sunset = header(e, 'sunset');
          const depAt = deprecationDate(dep);
          const sunsetAt = sunset ? Date.parse(sunset) : undefined;
          if (sunset && Number.isNaN(sunsetAt))
            return fail(`GET ${op.path}: Sunset "${sunset}" is not an HTTP date`, e);
          if (depAt !== undefined && sunsetAt !== undefined && sunsetAt < depAt) {
            return fail(`GET ${op.path}: Sunset ${sunset} is earlier than Deprecation ${dep}`, e);
          }
        } else if (dep) {
          return fail(`GET ${op.path} is not deprecated in the spec but sends Deprecation: ${dep}`, e);
        }
      }
      return pass(
        deprecated
          ? `${deprecated} deprecated operation(s) announce it; ${exchanges.length - deprecated} others do not`
          : `no deprecated GET operations; none of ${exchanges.length} sends Deprecation`,
        first,
      );
    },
  }),
];
