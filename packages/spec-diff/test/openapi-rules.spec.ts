import { describe, expect, it } from 'vitest';
import { diffSpecs, OPENAPI_RULES, SCHEMA_RULES, type Change } from '../src/index.js';
import { openapi, type Doc } from './documents.js';

/**
 * One case per rule, both directions: `after` turns the base document into the new one; the diff
 * old→new must report exactly `forward`, and new→old exactly `backward`. `before` (applied to both
 * sides) sets up a base variant when the rule needs one.
 */
interface Case {
  name: string;
  before?: (doc: Doc) => void;
  after: (doc: Doc) => void;
  forward: [rule: string, pointer: string][];
  backward: [rule: string, pointer: string][];
}

const LIST = '/paths/~1api~1v1~1orders/get';
const CREATE = '/paths/~1api~1v1~1orders/post';
const ITEM = '/paths/~1api~1v1~1orders~1{orderId}';
const IN = '/components/schemas/OrderCreate';
const OUT = '/components/schemas/Order';

const cases: Case[] = [
  {
    name: 'a path',
    after: (d) => delete d.paths['/api/v1/orders/{orderId}'],
    forward: [['path-removed', ITEM]],
    backward: [['path-added', ITEM]],
  },
  {
    name: 'an operation',
    after: (d) => delete d.paths['/api/v1/orders'].post,
    forward: [['operation-removed', CREATE]],
    backward: [['operation-added', CREATE]],
  },
  {
    name: 'a required parameter',
    after: (d) =>
      d.paths['/api/v1/orders'].get.parameters.push({
        name: 'tenant',
        in: 'query',
        required: true,
        schema: { type: 'string' },
      }),
    forward: [['parameter-added-required', `${LIST}/parameters/2`]],
    backward: [['parameter-removed', `${LIST}/parameters/2`]],
  },
  {
    name: 'an optional parameter',
    after: (d) =>
      d.paths['/api/v1/orders'].get.parameters.push({
        name: 'cursor',
        in: 'query',
        schema: { type: 'string' },
      }),
    forward: [['parameter-added', `${LIST}/parameters/2`]],
    backward: [['parameter-removed', `${LIST}/parameters/2`]],
  },
  {
    name: 'a parameter made required',
    after: (d) => (d.paths['/api/v1/orders'].get.parameters[0].required = true),
    forward: [['parameter-became-required', `${LIST}/parameters/0`]],
    backward: [['parameter-became-optional', `${LIST}/parameters/0`]],
  },
  {
    name: 'a required request body',
    before: (d) => delete d.paths['/api/v1/orders'].post.requestBody,
    after: (d) =>
      (d.paths['/api/v1/orders'].post.requestBody = {
        required: true,
        content: { 'application/json': { schema: { type: 'object' } } },
      }),
    forward: [['request-body-added-required', `${CREATE}/requestBody`]],
    backward: [['request-body-removed', `${CREATE}/requestBody`]],
  },
  {
    name: 'a request body made required',
    after: (d) => (d.paths['/api/v1/orders'].post.requestBody.required = true),
    forward: [['request-body-became-required', `${CREATE}/requestBody`]],
    backward: [['request-body-became-optional', `${CREATE}/requestBody`]],
  },
  {
    name: 'a request media type',
    after: (d) => {
      const content = d.paths['/api/v1/orders'].post.requestBody.content;
      content['application/x-www-form-urlencoded'] = content['application/json'];
    },
    forward: [
      ['request-media-type-added', `${CREATE}/requestBody/content/application~1x-www-form-urlencoded`],
    ],
    backward: [
      ['request-media-type-removed', `${CREATE}/requestBody/content/application~1x-www-form-urlencoded`],
    ],
  },
  {
    name: 'a response',
    after: (d) => delete d.paths['/api/v1/orders'].post.responses['422'],
    forward: [['response-removed', `${CREATE}/responses/422`]],
    backward: [['response-added', `${CREATE}/responses/422`]],
  },
  {
    name: 'a response media type',
    after: (d) =>
      (d.paths['/api/v1/orders'].post.responses['422'].content['application/json'] = {
        schema: { type: 'object' },
      }),
    forward: [['response-media-type-added', `${CREATE}/responses/422/content/application~1json`]],
    backward: [['response-media-type-removed', `${CREATE}/responses/422/content/application~1json`]],
  },
  {
    name: 'authentication on an operation',
    after: (d) => (d.paths['/api/v1/orders/{orderId}'].get.security = []),
    forward: [['security-removed', `${ITEM}/get/security`]],
    backward: [['security-added', `${ITEM}/get/security`]],
  },
  {
    name: 'a security alternative',
    after: (d) => (d.paths['/api/v1/orders/{orderId}'].get.security = [{ bearerAuth: [] }, { apiKey: [] }]),
    forward: [['security-requirement-added', `${ITEM}/get/security`]],
    backward: [['security-requirement-removed', `${ITEM}/get/security`]],
  },
  {
    name: 'a security scheme definition',
    after: (d) => (d.components.securitySchemes.apiKey.name = 'X-Key'),
    forward: [['security-scheme-changed', '/components/securitySchemes/apiKey/name']],
    backward: [['security-scheme-changed', '/components/securitySchemes/apiKey/name']],
  },
  {
    name: 'a request field type',
    after: (d) => (d.components.schemas.OrderCreate.properties.quantity = { type: 'string', maxLength: 4 }),
    forward: [['request-type-changed', `${IN}/properties/quantity/type`]],
    backward: [['request-type-changed', `${IN}/properties/quantity/type`]],
  },
  {
    name: 'a request field made nullable',
    after: (d) => (d.components.schemas.OrderCreate.properties.note.type = ['string', 'null']),
    forward: [['request-type-widened', `${IN}/properties/note/type`]],
    backward: [['request-type-changed', `${IN}/properties/note/type`]],
  },
  {
    name: 'a request enum value',
    after: (d) => (d.components.schemas.OrderCreate.properties.kind.enum = ['retail']),
    forward: [['request-enum-narrowed', `${IN}/properties/kind/enum`]],
    backward: [['request-enum-widened', `${IN}/properties/kind/enum`]],
  },
  {
    name: 'a request length limit',
    after: (d) => (d.components.schemas.OrderCreate.properties.note.maxLength = 200),
    forward: [['request-limit-narrowed', `${IN}/properties/note/maxLength`]],
    backward: [['request-limit-widened', `${IN}/properties/note/maxLength`]],
  },
  {
    name: 'a request pattern',
    after: (d) => delete d.components.schemas.OrderCreate.properties.code.pattern,
    forward: [['request-pattern-removed', `${IN}/properties/code/pattern`]],
    backward: [['request-pattern-changed', `${IN}/properties/code/pattern`]],
  },
  {
    name: 'a required request field',
    after: (d) => {
      d.components.schemas.OrderCreate.properties.currency = { type: 'string', maxLength: 3 };
      d.components.schemas.OrderCreate.required.push('currency');
    },
    forward: [['request-property-added-required', `${IN}/properties/currency`]],
    backward: [['request-property-removed', `${IN}/properties/currency`]],
  },
  {
    name: 'an optional request field of a closed object',
    after: (d) => (d.components.schemas.OrderCreate.properties.channel = { type: 'string', maxLength: 10 }),
    forward: [['request-property-added', `${IN}/properties/channel`]],
    backward: [['request-property-removed', `${IN}/properties/channel`]],
  },
  {
    name: 'a request field of an open object',
    before: (d) => delete d.components.schemas.OrderCreate.additionalProperties,
    after: (d) => delete d.components.schemas.OrderCreate.properties.note,
    forward: [['request-property-ignored', `${IN}/properties/note`]],
    backward: [['request-property-added', `${IN}/properties/note`]],
  },
  {
    name: 'a request field made required',
    after: (d) => d.components.schemas.OrderCreate.required.push('note'),
    forward: [['request-property-became-required', `${IN}/properties/note`]],
    backward: [['request-property-became-optional', `${IN}/properties/note`]],
  },
  {
    name: 'a closed request object',
    after: (d) => delete d.components.schemas.OrderCreate.additionalProperties,
    forward: [['request-opened', IN]],
    backward: [['request-closed', IN]],
  },
  {
    name: 'a request oneOf alternative',
    after: (d) => d.components.schemas.OrderCreate.properties.payment.oneOf.pop(),
    forward: [['request-variant-removed', `${IN}/properties/payment/oneOf/1`]],
    backward: [['request-variant-added', `${IN}/properties/payment/oneOf/1`]],
  },
  {
    name: 'a response anyOf alternative',
    after: (d) => d.components.schemas.Order.properties.customer.anyOf.push({ type: 'integer' }),
    forward: [['response-variant-added', `${OUT}/properties/customer/anyOf/2`]],
    backward: [['response-variant-removed', `${OUT}/properties/customer/anyOf/2`]],
  },
  {
    name: 'a response field (shared schema reported once, where it is written)',
    after: (d) => delete d.components.schemas.Order.properties.note,
    forward: [['response-property-removed', `${OUT}/properties/note`]],
    backward: [['response-property-added', `${OUT}/properties/note`]],
  },
  {
    name: 'a response field made optional',
    after: (d) => (d.components.schemas.Order.required = ['id']),
    forward: [['response-property-became-optional', `${OUT}/properties/status`]],
    backward: [['response-property-became-required', `${OUT}/properties/status`]],
  },
  {
    name: 'a response enum value',
    after: (d) => d.components.schemas.Order.properties.status.enum.push('cancelled'),
    forward: [['response-enum-widened', `${OUT}/properties/status/enum`]],
    backward: [['response-enum-narrowed', `${OUT}/properties/status/enum`]],
  },
  {
    name: 'a response field made nullable',
    after: (d) => (d.components.schemas.Order.properties.total.type = ['integer', 'null']),
    forward: [['response-type-changed', `${OUT}/properties/total/type`]],
    backward: [['response-type-narrowed', `${OUT}/properties/total/type`]],
  },
];

const shape = (changes: Change[]) => changes.map((c) => [c.rule, c.pointer]);
const classOf = (rule: string): string => {
  const [, kind, suffix] = /^(request|response)-(.+)$/.exec(rule) ?? [];
  const schema = kind === 'request' ? SCHEMA_RULES.input : kind === 'response' ? SCHEMA_RULES.output : {};
  return (OPENAPI_RULES as Record<string, string>)[rule] ?? (schema as Record<string, string>)[suffix];
};

describe('OpenAPI breaking-change rules', () => {
  it.each(cases)('$name: forward and backward', ({ before, after, forward, backward }) => {
    const a = openapi();
    before?.(a);
    const b = structuredClone(a);
    after(b);
    const there = diffSpecs(a, b);
    const back = diffSpecs(b, a);
    expect(shape(there.changes)).toEqual(forward);
    expect(shape(back.changes)).toEqual(backward);
    for (const c of [...there.changes, ...back.changes]) {
      expect(c.class).toBe(classOf(c.rule));
      expect(c.message.length).toBeGreaterThan(5);
    }
  });

  it('ignores renamed path parameters and header letter case', () => {
    const a = openapi();
    const b = openapi();
    b.paths['/api/v1/orders/{id}'] = b.paths['/api/v1/orders/{orderId}'];
    delete b.paths['/api/v1/orders/{orderId}'];
    b.paths['/api/v1/orders/{id}'].parameters[0].name = 'id';
    b.paths['/api/v1/orders'].get.parameters[1].name = 'x-trace';
    expect(diffSpecs(a, b).changes).toEqual([]);
  });

  it('compares by meaning, not by factoring into components', () => {
    const a = openapi();
    const b = openapi();
    b.paths['/api/v1/orders'].post.requestBody.content['application/json'].schema = structuredClone(
      b.components.schemas.OrderCreate,
    );
    expect(diffSpecs(a, b).changes).toEqual([]);
  });

  it('survives recursive schemas', () => {
    const a = openapi();
    a.components.schemas.Order.properties.parent = { $ref: '#/components/schemas/Order' };
    const b = structuredClone(a);
    b.components.schemas.Order.properties.parent = {
      $ref: '#/components/schemas/Order',
      description: 'parent order',
    };
    expect(diffSpecs(a, b).changes).toEqual([]);
  });

  it('covers every OpenAPI rule with a case', () => {
    const covered = new Set(cases.flatMap((c) => [...c.forward, ...c.backward].map(([rule]) => rule)));
    const all = [
      ...Object.keys(OPENAPI_RULES),
      ...Object.keys(SCHEMA_RULES.input).map((s) => `request-${s}`),
      ...Object.keys(SCHEMA_RULES.output).map((s) => `response-${s}`),
    ];
    expect(all.filter((r) => !covered.has(r))).toEqual([]);
  });
});
