import { header } from '../../http.js';
import { defineCheck, describe, fail, pass, skip, skipNow } from '../../registry.js';
import { is2xx } from '../util.js';
import { createIsExempt, GATE, markerCount, postWithKey } from './support.js';

/** What the same key does: replays the first answer, refuses another payload (422), and wins a race once. */
export const replayCheck = defineCheck({
  id: 'idempotency.replay',
  title: 'The same key and payload replay the first answer and create one resource',
  gate: GATE,
  profile: 'standard',
  writes: true,
  requires: ['create'],
  appliesTo: createIsExempt,
  async run(ctx) {
    const key = ctx.idempotencyKey('replay');
    const body = ctx.createBody('replay');
    const first = await postWithKey(ctx, body, key);
    if (!is2xx(first)) skipNow(`the first create did not succeed: ${describe(first)}`, first);
    ctx.track(ctx.tenantA, first, body, 'replay');
    const second = await postWithKey(ctx, body, key);
    ctx.track(ctx.tenantA, second, body, 'replay');
    if (second.status !== first.status)
      return fail(`replay answered ${second.status}, the first ${first.status}`, second);
    if (second.bodyText !== first.bodyText) {
      const ids = [ctx.idFrom(first), ctx.idFrom(second)];
      return fail(
        ids[0] !== ids[1]
          ? `replay created a second resource (${ids[0]} then ${ids[1]})`
          : 'replay body differs from the first answer byte-for-byte',
        second,
      );
    }
    if (ctx.config.replayHeader && header(second, ctx.config.replayHeader) !== 'true') {
      return fail(`replay has no "${ctx.config.replayHeader}: true" header`, second);
    }
    const { count, list } = await markerCount(ctx, `ss-${ctx.runId}-replay`);
    if (count !== undefined && count > 1) return fail(`the list shows ${count} resources from one key`, list);
    return pass(
      `replayed byte-for-byte with ${ctx.config.replayHeader || 'no marker header'}; one resource`,
      second,
    );
  },
});

export const mismatchCheck = defineCheck({
  id: 'idempotency.mismatch',
  title: 'The same key with another payload answers 422 and changes nothing',
  gate: GATE,
  profile: 'standard',
  writes: true,
  requires: ['create'],
  appliesTo: createIsExempt,
  async run(ctx) {
    const key = ctx.idempotencyKey('mismatch');
    const first = await postWithKey(ctx, ctx.createBody('mis1'), key);
    if (!is2xx(first)) skipNow(`the first create did not succeed: ${describe(first)}`, first);
    ctx.track(ctx.tenantA, first, undefined, 'mis1');
    const other = ctx.createBody('mis2');
    if (JSON.stringify(other) === JSON.stringify(ctx.createBody('mis1'))) {
      return skip(
        ctx.createBodyProblem() ??
          'the create schema admits no second distinct payload (no free-text member)',
      );
    }
    const second = await postWithKey(ctx, other, key);
    const created = ctx.track(ctx.tenantA, second, other, 'mis2');
    if (second.status !== 422) {
      return fail(
        `another payload under the same key answered ${second.status}, expected 422${created && created.id !== ctx.idFrom(first) ? ' (and created a resource)' : ''}`,
        second,
      );
    }
    const { count, list } = await markerCount(ctx, `ss-${ctx.runId}-mis2`);
    if (count) return fail('the rejected payload was stored anyway', list);
    return pass('422 on a key reused with another payload; nothing stored', second);
  },
});

export const concurrentCheck = defineCheck({
  id: 'idempotency.concurrent',
  title: 'Parallel identical requests create exactly one resource',
  gate: GATE,
  profile: 'standard',
  writes: true,
  requires: ['create'],
  appliesTo: createIsExempt,
  async run(ctx) {
    const race = await ctx.stimuli.race();
    const ok = race.filter(is2xx);
    if (ok.length === 0) skipNow(`no request of the race succeeded: ${describe(race[0]!)}`, race[0]);
    const unnamed = ok.find((e) => ctx.idFrom(e) === undefined);
    if (unnamed) {
      skipNow(
        `a create answer names no id (no "${ctx.config.idField}", no Location): creations cannot be counted`,
        unnamed,
      );
    }
    const ids = new Set(ok.map((e) => ctx.idFrom(e)));
    if (ids.size > 1)
      return fail(`${race.length} parallel requests with one key created ${ids.size} resources`, ok[1]);
    const odd = race.find((e) => !is2xx(e) && e.status !== 409);
    if (odd) return fail(`a racing request answered ${odd.status} (expected a replay or 409)`, odd);
    const differing = ok.find((e) => e.bodyText !== ok[0]!.bodyText);
    if (differing) return fail('a racing success differs from the first answer', differing);
    const { count, list } = await markerCount(ctx, `ss-${ctx.runId}-race`);
    if (count !== undefined && count > 1) return fail(`the list shows ${count} resources from one key`, list);
    const conflicts = race.filter((e) => e.status === 409).length;
    return pass(`${race.length} parallel: one resource, ${ok.length - 1} replays, ${conflicts} × 409`, ok[0]);
  },
});
