import { header } from '../../http.js';
import { defineCheck, describe, fail, pass, skipNow } from '../../registry.js';
import { sampleValid } from '../../sample.js';
import { fillPath, jsonMedia } from '../../spec.js';
import { is2xx } from '../util.js';
import { createIsExempt, GATE, otherPost, postWithKey } from './support.js';

/** Whose key it is: scoped per tenant and per operation, so a key never replays someone else's answer. */
export const tenantScopeCheck = defineCheck({
  id: 'idempotency.tenant_scope',
  title: "Keys are scoped per tenant: B with A's key gets its own result",
  gate: GATE,
  profile: 'standard',
  writes: true,
  requires: ['create', 'two-tenants'],
  appliesTo: createIsExempt,
  async run(ctx) {
    const key = ctx.idempotencyKey('scope');
    const body = ctx.createBody('scope');
    const a = await postWithKey(ctx, body, key);
    if (!is2xx(a)) skipNow(`tenant ${ctx.tenantA.id} could not create: ${describe(a)}`, a);
    ctx.track(ctx.tenantA, a, body, 'scope');
    // No vacuous pass: B's own result proves scoping only where A's key is honoured at all.
    const again = await postWithKey(ctx, body, key);
    ctx.track(ctx.tenantA, again, body, 'scope');
    if (ctx.idFrom(again) !== ctx.idFrom(a))
      skipNow(
        `the service does not honour ${ctx.config.idempotencyHeader} even for one tenant (see idempotency.replay)`,
        again,
      );
    const b = await postWithKey(ctx, body, key, ctx.tenantB);
    ctx.track(ctx.tenantB, b, body, 'scope');
    if (!is2xx(b))
      return fail(`tenant ${ctx.tenantB.id} reusing the key got ${b.status}, expected its own creation`, b);
    if (b.bodyText === a.bodyText || ctx.idFrom(a) === ctx.idFrom(b)) {
      return fail(`tenant ${ctx.tenantB.id} received tenant ${ctx.tenantA.id}'s replayed answer`, b);
    }
    if (ctx.config.replayHeader && header(b, ctx.config.replayHeader) === 'true') {
      return fail(`tenant ${ctx.tenantB.id}'s answer is marked as a replay`, b);
    }
    return pass(`tenant ${ctx.tenantB.id} got its own resource for the same key`, b);
  },
});

export const operationScopeCheck = defineCheck({
  id: 'idempotency.operation_scope',
  title: 'Keys are scoped per operation',
  gate: GATE,
  profile: 'standard',
  writes: true,
  requires: ['create'],
  appliesTo(ctx) {
    const exempt = createIsExempt(ctx);
    if (exempt) return exempt;
    return otherPost(ctx) ? undefined : 'the spec has only one POST operation to use a key on';
  },
  async run(ctx) {
    const other = otherPost(ctx)!;
    const key = ctx.idempotencyKey('opscope');
    const own = await ctx.create(ctx.tenantA, 'opscope', { key });
    const path = fillPath(other.path, { [ctx.resource().idParam]: own.id }, own.id);
    const media = jsonMedia(other.requestBody?.content);
    const body = media
      ? sampleValid(other.requestBody!.content[media], { runId: ctx.runId, variant: 'opscope2' })
      : undefined;
    const second = await ctx.send({
      method: 'POST',
      path,
      as: ctx.tenantA,
      json: body,
      contentType: media,
      headers: [[ctx.config.idempotencyHeader, key]],
    });
    ctx.track(ctx.tenantA, second, body, 'opscope2');
    if (
      second.status === 422 ||
      second.status === 409 ||
      (ctx.config.replayHeader && header(second, ctx.config.replayHeader) === 'true')
    ) {
      return fail(
        `the key used on POST ${ctx.resource().collectionPath} was matched on POST ${other.path} (${second.status})`,
        second,
      );
    }
    if (second.bodyText === own.exchange.bodyText)
      return fail(`POST ${other.path} replayed the answer of another operation`, second);
    return pass(`POST ${other.path} treated the key as new (${second.status})`, second);
  },
});
