import { describe, expect, it } from 'vitest';
import { diffSpecs } from '../../src/index.js';
import type { Doc } from '../documents.js';
import { shape } from '../harness.js';
import { pair } from './pair.js';
import { IN, OUT } from './pointers.js';

describe('oneOf / anyOf alternatives are matched by identity', () => {
  const payment = (d: Doc) => d.components.schemas.OrderCreate.properties.payment;
  it('a changed alternative reports that change, not one removed + one added', () => {
    const [a, b] = pair((d) => (payment(d).oneOf[1].properties.iban.maxLength = 34));
    expect(shape(diffSpecs(a, b).changes)).toEqual([
      ['request-limit-narrowed', `${IN}/properties/payment/oneOf/1/properties/iban/maxLength`],
    ]);
  });

  it('by $ref target even when reordered, by title, by discriminator value and by const', () => {
    const refs = (d: Doc) => {
      d.components.schemas.Card = { type: 'object', properties: { card: { type: 'string' } } };
      d.components.schemas.Iban = { type: 'object', properties: { iban: { type: 'string' } } };
      payment(d).oneOf = [{ $ref: '#/components/schemas/Card' }, { $ref: '#/components/schemas/Iban' }];
    };
    const [a, b] = pair(
      (d) => {
        payment(d).oneOf.reverse();
        d.components.schemas.Iban.properties = { number: { type: 'string' } };
      },
      '3.1.0',
      refs,
    );
    expect(shape(diffSpecs(a, b).changes)).toEqual([
      ['request-property-added', '/components/schemas/Iban/properties/number'],
      ['request-property-ignored', '/components/schemas/Iban/properties/iban'],
    ]);
    const titled = (d: Doc) =>
      (payment(d).oneOf = [
        { title: 'card', type: 'object', properties: { n: { type: 'string' } } },
        { title: 'iban', type: 'object', properties: { n: { type: 'string' } } },
      ]);
    const [c, e] = pair((d) => (payment(d).oneOf[1].properties.n.maxLength = 34), '3.1.0', titled);
    expect(shape(diffSpecs(c, e).changes)).toEqual([
      ['request-limit-narrowed', `${IN}/properties/payment/oneOf/1/properties/n/maxLength`],
    ]);
    const kinds = (d: Doc) => {
      payment(d).discriminator = { propertyName: 'kind' };
      payment(d).oneOf = ['card', 'iban'].map((k) => ({
        type: 'object',
        properties: { kind: { const: k }, n: { type: 'string' } },
      }));
    };
    const [f, g] = pair((d) => (payment(d).oneOf[0].properties.n.maxLength = 19), '3.1.0', kinds);
    expect(shape(diffSpecs(f, g).changes)).toEqual([
      ['request-limit-narrowed', `${IN}/properties/payment/oneOf/0/properties/n/maxLength`],
    ]);
  });

  it('by discriminator mapping (bare schema names), even when the alternatives change a lot', () => {
    const mapped = (d: Doc) => {
      d.components.schemas.Card = {
        type: 'object',
        properties: { kind: { type: 'string' }, card: { type: 'string' } },
      };
      d.components.schemas.Iban = {
        type: 'object',
        properties: { kind: { type: 'string' }, iban: { type: 'string' } },
      };
      payment(d).discriminator = { propertyName: 'kind', mapping: { card: 'Card', iban: 'Iban' } };
      payment(d).oneOf = [{ $ref: '#/components/schemas/Card' }, { $ref: '#/components/schemas/Iban' }];
    };
    const [a, b] = pair(
      (d) => {
        d.components.schemas.Card2 = {
          type: 'object',
          properties: { kind: { type: 'string' }, pan: { type: 'string' } },
        };
        payment(d).discriminator.mapping.card = 'Card2';
        payment(d).oneOf = [{ $ref: '#/components/schemas/Iban' }, { $ref: '#/components/schemas/Card2' }];
      },
      '3.1.0',
      mapped,
    );
    expect(shape(diffSpecs(a, b).changes).map(([rule]) => rule)).toEqual([
      'request-property-added',
      'request-property-ignored',
    ]);
  });

  it('an enum alternative gaining a value is a widening, not a removal', () => {
    const [a, b] = pair(
      (d) => d.components.schemas.Order.properties.customer.anyOf[0].enum.push('guest'),
      '3.1.0',
      (d) => (d.components.schemas.Order.properties.customer.anyOf[0].enum = ['member']),
    );
    expect(shape(diffSpecs(a, b).changes)).toEqual([
      ['response-enum-widened', `${OUT}/properties/customer/anyOf/0/enum`],
    ]);
  });

  it('an alternative with nothing in common is still one removed + one added', () => {
    const [a, b] = pair(
      (d) =>
        (d.components.schemas.OrderCreate.properties.payment.oneOf[1] = { type: 'string', format: 'uri' }),
    );
    expect(shape(diffSpecs(a, b).changes).map(([rule]) => rule)).toEqual([
      'request-variant-removed',
      'request-variant-added',
    ]);
  });
});

describe('a shared component used on both sides: the stricter direction wins', () => {
  const shared = (d: Doc) =>
    (d.paths['/api/v1/orders'].post.requestBody.content['application/json'].schema = {
      $ref: '#/components/schemas/Order',
    });
  it('a limit raised is breaking (response side), reported once', () => {
    const [a, b] = pair((d) => (d.components.schemas.Order.properties.ref.maxLength = 20), '3.1.0', shared);
    expect(diffSpecs(a, b).changes.map((c) => [c.rule, c.class, c.pointer])).toEqual([
      ['response-limit-widened', 'breaking', `${OUT}/properties/ref/maxLength`],
    ]);
  });
  it('a limit lowered is breaking (request side), reported once', () => {
    const [a, b] = pair((d) => (d.components.schemas.Order.properties.ref.maxLength = 5), '3.1.0', shared);
    expect(diffSpecs(a, b).changes.map((c) => [c.rule, c.class])).toEqual([
      ['request-limit-narrowed', 'breaking'],
    ]);
  });
});
