import type { Case } from '../harness.js';
import { nullable } from '../documents.js';
import { IN, LIST, OUT } from './pointers.js';

import type { Doc } from '../documents.js';

const req = (d: Doc): Doc => d.components.schemas.OrderCreate.properties;
const res = (d: Doc): Doc => d.components.schemas.Order.properties;

/** Request side (the client sends it: narrowing breaks). */
export const requestCases: Case[] = [
  {
    name: 'a request field type',
    after: (d) => (req(d).quantity = { type: 'string', maxLength: 4 }),
    forward: [['request-type-changed', `${IN}/properties/quantity/type`]],
    backward: [['request-type-changed', `${IN}/properties/quantity/type`]],
  },
  {
    name: 'a request integer made number',
    after: (d) => (req(d).quantity.type = 'number'),
    forward: [['request-type-widened', `${IN}/properties/quantity/type`]],
    backward: [['request-type-changed', `${IN}/properties/quantity/type`]],
  },
  {
    name: 'a request field type dropped (any value)',
    after: (d) => delete req(d).quantity.type,
    forward: [['request-type-widened', `${IN}/properties/quantity/type`]],
    backward: [['request-type-changed', `${IN}/properties/quantity/type`]],
  },
  {
    name: 'a request field made nullable',
    after: (d) => nullable(d, req(d).note),
    forward: [['request-became-nullable', `${IN}/properties/note/{nullable}`]],
    backward: [['request-became-non-nullable', `${IN}/properties/note/{nullable}`]],
  },
  {
    name: 'a request enum value',
    after: (d) => (req(d).kind.enum = ['retail']),
    forward: [['request-enum-narrowed', `${IN}/properties/kind/enum`]],
    backward: [['request-enum-widened', `${IN}/properties/kind/enum`]],
  },
  {
    name: 'a request format',
    after: (d) => (req(d).customerId.format = 'uuid'),
    forward: [['request-format-added', `${IN}/properties/customerId/format`]],
    backward: [['request-format-removed', `${IN}/properties/customerId/format`]],
  },
  {
    name: 'a request format int32 → int64',
    after: (d) => (req(d).priority.format = 'int64'),
    forward: [['request-format-widened', `${IN}/properties/priority/format`]],
    backward: [['request-format-narrowed', `${IN}/properties/priority/format`]],
  },
  {
    name: 'a request format changed',
    before: (d) => (req(d).customerId.format = 'uuid'),
    after: (d) => (req(d).customerId.format = 'uri'),
    forward: [['request-format-changed', `${IN}/properties/customerId/format`]],
    backward: [['request-format-changed', `${IN}/properties/customerId/format`]],
  },
  {
    name: 'a request length limit',
    after: (d) => (req(d).note.maxLength = 200),
    forward: [['request-limit-narrowed', `${IN}/properties/note/maxLength`]],
    backward: [['request-limit-widened', `${IN}/properties/note/maxLength`]],
  },
  {
    name: 'request array items made unique',
    before: (d) => (req(d).tags = { type: 'array', items: { type: 'string' } }),
    after: (d) => (req(d).tags.uniqueItems = true),
    forward: [['request-limit-narrowed', `${IN}/properties/tags/uniqueItems`]],
    backward: [['request-limit-widened', `${IN}/properties/tags/uniqueItems`]],
  },
  {
    name: 'a request multipleOf 5 → 10',
    before: (d) => (req(d).quantity.multipleOf = 5),
    after: (d) => (req(d).quantity.multipleOf = 10),
    forward: [['request-limit-narrowed', `${IN}/properties/quantity/multipleOf`]],
    backward: [['request-limit-widened', `${IN}/properties/quantity/multipleOf`]],
  },
  {
    name: 'a request pattern',
    after: (d) => delete req(d).code.pattern,
    forward: [['request-pattern-removed', `${IN}/properties/code/pattern`]],
    backward: [['request-pattern-added', `${IN}/properties/code/pattern`]],
  },
  {
    name: 'a request pattern changed',
    after: (d) => (req(d).code.pattern = '^[a-z]+$'),
    forward: [['request-pattern-changed', `${IN}/properties/code/pattern`]],
    backward: [['request-pattern-changed', `${IN}/properties/code/pattern`]],
  },
  {
    name: 'a request default changed',
    after: (d) => (req(d).priority.default = 7),
    forward: [['request-default-changed', `${IN}/properties/priority/default`]],
    backward: [['request-default-changed', `${IN}/properties/priority/default`]],
  },
  {
    name: 'a request default removed',
    after: (d) => delete req(d).priority.default,
    forward: [['request-default-removed', `${IN}/properties/priority/default`]],
    backward: [['request-default-added', `${IN}/properties/priority/default`]],
  },
  {
    name: 'a query parameter default',
    after: (d) => (d.paths['/api/v1/orders'].get.parameters[0].schema.default = 50),
    forward: [['request-default-changed', `${LIST}/parameters/0/schema/default`]],
    backward: [['request-default-changed', `${LIST}/parameters/0/schema/default`]],
  },
  {
    name: 'a required request field',
    after: (d) => {
      req(d).currency = { type: 'string', maxLength: 3 };
      d.components.schemas.OrderCreate.required.push('currency');
    },
    forward: [['request-property-added-required', `${IN}/properties/currency`]],
    backward: [['request-property-removed', `${IN}/properties/currency`]],
  },
  {
    name: 'an optional request field of a closed object',
    after: (d) => (req(d).channel = { type: 'string', maxLength: 10 }),
    forward: [['request-property-added', `${IN}/properties/channel`]],
    backward: [['request-property-removed', `${IN}/properties/channel`]],
  },
  {
    name: 'a request field of an open object',
    before: (d) => delete d.components.schemas.OrderCreate.additionalProperties,
    after: (d) => delete req(d).note,
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
    after: (d) => req(d).payment.oneOf.pop(),
    forward: [['request-variant-removed', `${IN}/properties/payment/oneOf/1`]],
    backward: [['request-variant-added', `${IN}/properties/payment/oneOf/1`]],
  },
];

/** Response side (the API sends it: widening breaks). */
export const responseCases: Case[] = [
  {
    name: 'a response field type',
    after: (d) => (res(d).total.type = 'string'),
    forward: [['response-type-changed', `${OUT}/properties/total/type`]],
    backward: [['response-type-changed', `${OUT}/properties/total/type`]],
  },
  {
    name: 'a response field type dropped (any value)',
    after: (d) => delete res(d).note.type,
    forward: [['response-type-changed', `${OUT}/properties/note/type`]],
    backward: [['response-type-narrowed', `${OUT}/properties/note/type`]],
  },
  {
    name: 'a response number made integer',
    before: (d) => (res(d).total.type = 'number'),
    after: (d) => (res(d).total.type = 'integer'),
    forward: [['response-type-narrowed', `${OUT}/properties/total/type`]],
    backward: [['response-type-changed', `${OUT}/properties/total/type`]],
  },
  {
    name: 'a response field made nullable',
    after: (d) => nullable(d, res(d).total),
    forward: [['response-became-nullable', `${OUT}/properties/total/{nullable}`]],
    backward: [['response-became-non-nullable', `${OUT}/properties/total/{nullable}`]],
  },
  {
    name: 'a response enum value',
    after: (d) => res(d).status.enum.push('cancelled'),
    forward: [['response-enum-widened', `${OUT}/properties/status/enum`]],
    backward: [['response-enum-narrowed', `${OUT}/properties/status/enum`]],
  },
  {
    name: 'a response format int32 → int64',
    after: (d) => (res(d).count.format = 'int64'),
    forward: [['response-format-widened', `${OUT}/properties/count/format`]],
    backward: [['response-format-narrowed', `${OUT}/properties/count/format`]],
  },
  {
    name: 'a response format',
    after: (d) => (res(d).note.format = 'email'),
    forward: [['response-format-added', `${OUT}/properties/note/format`]],
    backward: [['response-format-removed', `${OUT}/properties/note/format`]],
  },
  {
    name: 'a response format changed',
    before: (d) => (res(d).ref.format = 'uuid'),
    after: (d) => (res(d).ref.format = 'uri'),
    forward: [['response-format-changed', `${OUT}/properties/ref/format`]],
    backward: [['response-format-changed', `${OUT}/properties/ref/format`]],
  },
  {
    name: 'a response length limit',
    after: (d) => (res(d).ref.maxLength = 20),
    forward: [['response-limit-widened', `${OUT}/properties/ref/maxLength`]],
    backward: [['response-limit-narrowed', `${OUT}/properties/ref/maxLength`]],
  },
  {
    name: 'a response maximum dropped',
    after: (d) => delete res(d).count.maximum,
    forward: [['response-limit-widened', `${OUT}/properties/count/maximum`]],
    backward: [['response-limit-narrowed', `${OUT}/properties/count/maximum`]],
  },
  {
    name: 'a response pattern',
    after: (d) => delete res(d).ref.pattern,
    forward: [['response-pattern-removed', `${OUT}/properties/ref/pattern`]],
    backward: [['response-pattern-added', `${OUT}/properties/ref/pattern`]],
  },
  {
    name: 'a response pattern changed',
    after: (d) => (res(d).ref.pattern = '^[0-9]+$'),
    forward: [['response-pattern-changed', `${OUT}/properties/ref/pattern`]],
    backward: [['response-pattern-changed', `${OUT}/properties/ref/pattern`]],
  },
  {
    name: 'a response default',
    after: (d) => (res(d).ref.default = 'A'),
    forward: [['response-default-added', `${OUT}/properties/ref/default`]],
    backward: [['response-default-removed', `${OUT}/properties/ref/default`]],
  },
  {
    name: 'a response default changed',
    before: (d) => (res(d).ref.default = 'A'),
    after: (d) => (res(d).ref.default = 'B'),
    forward: [['response-default-changed', `${OUT}/properties/ref/default`]],
    backward: [['response-default-changed', `${OUT}/properties/ref/default`]],
  },
  {
    name: 'a response anyOf alternative',
    after: (d) => res(d).customer.anyOf.push({ type: 'integer' }),
    forward: [['response-variant-added', `${OUT}/properties/customer/anyOf/2`]],
    backward: [['response-variant-removed', `${OUT}/properties/customer/anyOf/2`]],
  },
  {
    name: 'a response field (shared schema reported once, where it is written)',
    after: (d) => delete res(d).note,
    forward: [['response-property-removed', `${OUT}/properties/note`]],
    backward: [['response-property-added', `${OUT}/properties/note`]],
  },
  {
    name: 'a response field made optional',
    after: (d) => (d.components.schemas.Order.required = ['id']),
    forward: [['response-property-became-optional', `${OUT}/properties/status`]],
    backward: [['response-property-became-required', `${OUT}/properties/status`]],
  },
];
