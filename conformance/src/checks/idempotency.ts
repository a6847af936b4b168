import type { GateId } from '@shipshape/contracts';
import { header } from '../http.js';
import { defineCheck, describe, fail, pass, skip, skipNow, type CheckDefinition } from '../registry.js';
import { sampleValid } from '../sample.js';
import { fillPath, jsonMedia } from '../spec.js';
import { is2xx } from './util.js';

import {
  controlWithKey,
  createIsExempt,
  isExempt,
  markerCount,
  otherPost,
  postCreate,
} from './idempotency-support.js';

const GATE: GateId = 'api.idempotency';

export const idempotencyChecks: CheckDefinition[] = [
  defineCheck({
    id: 'idempotency.declared',
    title: 'The spec declares the Idempotency-Key header on every POST',
    gate: GATE,
    profile: 'standard',
    writes: false,
    async run(ctx) {
      const posts = ctx
        .businessOperations()
        .filter((op) => op.method === 'POST' && !isExempt(ctx, op.method, op.path));
      if (posts.length === 0) return skip('the spec has no POST operation under the API prefix');
      const name = ctx.config.idempotencyHeader.toLowerCase();
      const missing = posts.filter(
        (op) => !op.parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === name),
      );
      if (missing.length) {
        return fail(
          `${missing.map((op) => `POST ${op.path}`).join(', ')} do(es) not declare the ${ctx.config.idempotencyHeader} header`,
        );
      }
      return pass(`${posts.length} POST operation(s) declare ${ctx.config.idempotencyHeader}`);
    },
  }),
  defineCheck({
    id: 'idempotency.missing_key',
    title: 'A POST without Idempotency-Key answers 400 and creates nothing',
    gate: GATE,
    profile: 'standard',
    writes: true,
    requires: ['create'],
    appliesTo(ctx) {
      const op = ctx.resource().create!;
      if (isExempt(ctx, 'POST', op.path)) return 'the create operation is exempt from idempotency (config)';
      const param = op.parameters.find(
        (p) => p.in === 'header' && p.name.toLowerCase() === ctx.config.idempotencyHeader.toLowerCase(),
      );
      if (param && !param.required)
        return `the spec marks ${ctx.config.idempotencyHeader} optional on POST ${op.path}`;
      return undefined;
    },
    async run(ctx) {
      const body = ctx.createBody('nokey');
      const exchange = await postCreate(ctx, ctx.tenantA, body, []);
      const created = ctx.track(ctx.tenantA, exchange, body, 'nokey');
      if (exchange.status !== 400) {
        return fail(
          `no key: received ${exchange.status}, expected 400${created ? ' (a resource was created)' : ''}`,
          exchange,
        );
      }
      await controlWithKey(ctx, body, 'nokey');
      return pass('POST without a key answers 400 (the same body with a key is accepted)', exchange);
    },
  }),
  defineCheck({
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
      const first = await postCreate(ctx, ctx.tenantA, body, [[ctx.config.idempotencyHeader, key]]);
      if (!is2xx(first)) skipNow(`the first create did not succeed: ${describe(first)}`, first);
      ctx.track(ctx.tenantA, first, body, 'replay');
      const second = await postCreate(ctx, ctx.tenantA, body, [[ctx.config.idempotencyHeader, key]]);
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
      if (count !== undefined && count > 1)
        return fail(`the list shows ${count} resources from one key`, list);
      return pass(
        `replayed byte-for-byte with ${ctx.config.replayHeader || 'no marker header'}; one resource`,
        second,
      );
    },
  }),
  defineCheck({
    id: 'idempotency.mismatch',
    title: 'The same key with another payload answers 422 and changes nothing',
    gate: GATE,
    profile: 'standard',
    writes: true,
    requires: ['create'],
    appliesTo: createIsExempt,
    async run(ctx) {
      const key = ctx.idempotencyKey('mismatch');
      const first = await postCreate(ctx, ctx.tenantA, ctx.createBody('mis1'), [
        [ctx.config.idempotencyHeader, key],
      ]);
      if (!is2xx(first)) skipNow(`the first create did not succeed: ${describe(first)}`, first);
      ctx.track(ctx.tenantA, first, undefined, 'mis1');
      const other = ctx.createBody('mis2');
      if (JSON.stringify(other) === JSON.stringify(ctx.createBody('mis1'))) {
        return skip(
          ctx.createBodyProblem() ??
            'the create schema admits no second distinct payload (no free-text member)',
        );
      }
      const second = await postCreate(ctx, ctx.tenantA, other, [[ctx.config.idempotencyHeader, key]]);
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
  }),
  defineCheck({
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
      if (count !== undefined && count > 1)
        return fail(`the list shows ${count} resources from one key`, list);
      const conflicts = race.filter((e) => e.status === 409).length;
      return pass(
        `${race.length} parallel: one resource, ${ok.length - 1} replays, ${conflicts} × 409`,
        ok[0],
      );
    },
  }),
  defineCheck({
    id: 'idempotency.invalid_keys',
    title: 'Empty, duplicate and overlong keys answer 400',
    gate: GATE,
    profile: 'standard',
    writes: true,
    requires: ['create'],
    appliesTo: createIsExempt,
    async run(ctx) {
      const name = ctx.config.idempotencyHeader;
      // Overlong means one past what the spec declares (when it does), else far past any sane limit.
      const declared = ctx
        .resource()
        .create!.parameters.find((p) => p.in === 'header' && p.name.toLowerCase() === name.toLowerCase())
        ?.schema?.maxLength;
      const overlong = typeof declared === 'number' ? declared + 1 : 1024;
      const cases: Array<[string, Array<[string, string]>]> = [
        ['empty key', [[name, '']]],
        [
          'duplicate key headers',
          [
            [name, ctx.idempotencyKey('dup1')],
            [name, ctx.idempotencyKey('dup2')],
          ],
        ],
        [`overlong key (${overlong} chars)`, [[name, 'k'.repeat(overlong)]]],
      ];
      const results = await Promise.all(
        cases.map(async ([label, headers], i) => {
          const body = ctx.createBody(`badkey${i}`);
          const exchange = await postCreate(ctx, ctx.tenantA, body, headers);
          ctx.track(ctx.tenantA, exchange, body, `badkey${i}`);
          return { label, exchange };
        }),
      );
      const bad = results.find((r) => r.exchange.status !== 400);
      if (bad) return fail(`${bad.label}: received ${bad.exchange.status}, expected 400`, bad.exchange);
      await controlWithKey(ctx, ctx.createBody('badkey0'), 'badkey0');
      return pass(
        'empty, duplicate and overlong keys answer 400 (the same body with a valid key is accepted)',
        results[0]!.exchange,
      );
    },
  }),
  defineCheck({
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
      const a = await postCreate(ctx, ctx.tenantA, body, [[ctx.config.idempotencyHeader, key]]);
      if (!is2xx(a)) skipNow(`tenant ${ctx.tenantA.id} could not create: ${describe(a)}`, a);
      ctx.track(ctx.tenantA, a, body, 'scope');
      // No vacuous pass: B's own result proves scoping only where A's key is honoured at all.
      const again = await postCreate(ctx, ctx.tenantA, body, [[ctx.config.idempotencyHeader, key]]);
      ctx.track(ctx.tenantA, again, body, 'scope');
      if (ctx.idFrom(again) !== ctx.idFrom(a))
        skipNow(
          `the service does not honour ${ctx.config.idempotencyHeader} even for one tenant (see idempotency.replay)`,
          again,
        );
      const b = await postCreate(ctx, ctx.tenantB, body, [[ctx.config.idempotencyHeader, key]]);
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
  }),
  defineCheck({
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
  }),
];
