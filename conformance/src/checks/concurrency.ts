import type { GateId } from '@shipshape/contracts';
import type { CheckContext, Created } from '../context.js';
import { header, type Exchange } from '../http.js';
import { defineCheck, describe, fail, pass, skipNow, type CheckDefinition } from '../registry.js';
import type { Operation } from '../spec.js';
import { ifMatchParameter as ifMatch, is2xx, updateBody } from './util.js';

/**
 * Optimistic concurrency (RFC 9110 §13.1.1, RFC 6585 §3): an operation that declares `If-Match`
 * answers 412 to a stale entity tag and changes nothing; one that declares it required answers 428
 * without it. Judged only where the spec declares the header.
 */
const GATE: GateId = 'api.contract_tests';

/** The item operations that declare If-Match: the update first, else the delete. */
function conditional(ctx: CheckContext): Operation[] {
  const res = ctx.model.resource;
  return [res?.update, res?.remove].filter((op): op is Operation => !!ifMatch(op));
}

function notDeclared(ctx: CheckContext): string | undefined {
  const res = ctx.model.resource;
  if (!res?.update && !res?.remove) return 'the resource has no update or delete operation';
  return conditional(ctx).length
    ? undefined
    : `the spec declares no If-Match header on ${[res.update, res.remove]
        .filter(Boolean)
        .map((op) => `${op!.method} ${op!.path}`)
        .join(' or ')}: optimistic concurrency is not offered`;
}

function attempt(ctx: CheckContext, op: Operation, own: Created, tag: string | undefined, variant: string) {
  const headers: Array<[string, string]> = tag === undefined ? [] : [['if-match', tag]];
  if (op.method === 'DELETE')
    return ctx.send({ method: 'DELETE', path: ctx.itemPath(own.id), as: own.owner, headers });
  const patch = updateBody(ctx, variant)!;
  return ctx.send({
    method: op.method,
    path: ctx.itemPath(own.id),
    as: own.owner,
    json: patch.body,
    contentType: patch.contentType,
    headers,
  });
}

async function read(ctx: CheckContext, own: Created): Promise<Exchange> {
  const e = await ctx.send({ method: 'GET', path: ctx.itemPath(own.id), as: own.owner });
  if (!is2xx(e)) skipNow(`could not read the resource it created: ${describe(e)}`, e);
  return e;
}

export const concurrencyChecks: CheckDefinition[] = [
  defineCheck({
    id: 'schema.precondition_failed',
    title: 'A stale If-Match answers 412 and changes nothing',
    gate: GATE,
    profile: 'standard',
    writes: true,
    requires: ['create', 'read'],
    appliesTo: notDeclared,
    async run(ctx) {
      const op = conditional(ctx)[0]!;
      const own = await ctx.create(ctx.tenantA, 'etag');
      const first = await read(ctx, own);
      const tag = header(first, 'etag');
      if (!tag)
        return fail(`${op.method} ${op.path} declares If-Match, but GET sends no ETag to match`, first);
      // A stale tag is one that was current: change the resource with it first (the control).
      if (op.method !== 'DELETE') {
        const current = await attempt(ctx, op, own, tag, 'etag-ok');
        if (!is2xx(current))
          return fail(`the current ETag ${tag} was refused: ${describe(current)}`, current);
        if (header(current, 'etag') === tag || header(await read(ctx, own), 'etag') === tag)
          return fail(`the ETag stayed ${tag} after a change: a stale tag cannot be told apart`, current);
      }
      const before = await read(ctx, own);
      const stale = op.method === 'DELETE' ? `"shipshape-stale-${ctx.runId}"` : tag;
      const refused = await attempt(ctx, op, own, stale, 'etag-stale');
      const after = await read(ctx, own);
      if (refused.status !== 412)
        return fail(
          `${op.method} with a stale If-Match ${stale} answered ${refused.status}, expected 412`,
          refused,
        );
      if (after.bodyText !== before.bodyText)
        return fail('the resource changed although the stale If-Match was refused', after);
      return pass(`stale If-Match → 412; the resource is unchanged`, refused);
    },
  }),
  defineCheck({
    id: 'schema.precondition_required',
    title: 'An operation that requires If-Match answers 428 without it',
    gate: GATE,
    profile: 'standard',
    writes: true,
    requires: ['create', 'read'],
    appliesTo(ctx) {
      const reason = notDeclared(ctx);
      if (reason) return reason;
      const required = conditional(ctx).filter((op) => ifMatch(op)!.required);
      return required.length
        ? undefined
        : `If-Match is optional on ${conditional(ctx)
            .map((op) => `${op.method} ${op.path}`)
            .join(' and ')}: no 428 is promised`;
    },
    async run(ctx) {
      const op = conditional(ctx).find((o) => ifMatch(o)!.required)!;
      const own = await ctx.create(ctx.tenantA, 'etag-req');
      const before = await read(ctx, own);
      const bare = await attempt(ctx, op, own, undefined, 'etag-none');
      const after = await read(ctx, own);
      if (bare.status !== 428)
        return fail(
          `${op.method} ${op.path} without the required If-Match answered ${bare.status}, expected 428`,
          bare,
        );
      if (after.bodyText !== before.bodyText) return fail('the resource changed without If-Match', after);
      return pass(`${op.method} without If-Match → 428; nothing changed`, bare);
    },
  }),
];
