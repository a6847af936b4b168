import { defineCheck, fail, pass, skip } from '../../registry.js';
import { controlWithKey, createIsExempt, GATE, isExempt, postCreate } from './support.js';

/**
 * What a key must be: declared in the spec, required (400 without one) and well-formed (400 on empty,
 * duplicate, overlong).
 */
export const declaredCheck = defineCheck({
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
});

export const missingKeyCheck = defineCheck({
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
});

export const invalidKeysCheck = defineCheck({
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
});
