import { describe, expect, it } from 'vitest';
import { diffSpecs } from '../../src/index.js';
import { openapi, type Doc } from '../documents.js';
import { shape } from '../harness.js';
import { CREATE, IN, OUT } from './pointers.js';

const pair = (edit: (d: Doc) => void, version = '3.1.0', prepare?: (d: Doc) => void) => {
  const a = openapi(version);
  prepare?.(a);
  const b = structuredClone(a);
  edit(b);
  return [a, b] as const;
};

describe('3.0 → 3.1 migrations that mean the same thing report nothing', () => {
  const migrate = (d: Doc) => {
    d.openapi = '3.1.0';
    d.components.schemas.Order.properties.total.type = ['integer', 'null'];
    d.components.schemas.OrderCreate.properties.quantity = {
      type: 'integer',
      exclusiveMinimum: 0,
      maximum: 1000,
    };
    d.components.schemas.Order.properties.note.examples = ['leave at the door'];
  };
  const legacy = (d: Doc) => {
    d.components.schemas.Order.properties.total.nullable = true;
    d.components.schemas.OrderCreate.properties.quantity = {
      type: 'integer',
      minimum: 0,
      exclusiveMinimum: true,
      maximum: 1000,
    };
    d.components.schemas.Order.properties.note.example = 'leave at the door';
  };

  // One pair per migration (3.0 side → 3.1 side), each on the request and the response side.
  const schemas = (d: Doc) => [
    d.components.schemas.OrderCreate.properties,
    d.components.schemas.Order.properties,
  ];
  const migrations: [string, (p: Doc) => void, (p: Doc) => void][] = [
    [
      'nullable: true ≡ type [x, null]',
      (p) => (p.note.nullable = true),
      (p) => (p.note.type = ['string', 'null']),
    ],
    [
      'boolean exclusiveMinimum ≡ numeric',
      (p) => (p.probe = { type: 'integer', minimum: 0, exclusiveMinimum: true }),
      (p) => (p.probe = { type: 'integer', exclusiveMinimum: 0 }),
    ],
    [
      'boolean exclusiveMaximum ≡ numeric',
      (p) => (p.probe = { type: 'number', maximum: 9, exclusiveMaximum: true }),
      (p) => (p.probe = { type: 'number', exclusiveMaximum: 9 }),
    ],
    ['example ≡ examples', (p) => (p.note.example = 'x'), (p) => (p.note.examples = ['x'])],
  ];
  it.each(migrations)('%s (request and response side, both ways)', (_, v30, v31) => {
    const a = openapi('3.0.3');
    const b = openapi('3.1.0');
    schemas(a).forEach(v30);
    schemas(b).forEach(v31);
    expect(diffSpecs(a, b).changes).toEqual([]);
    expect(diffSpecs(b, a).changes).toEqual([]);
  });

  it('all of them at once', () => {
    const [a, b] = pair(migrate, '3.0.3', legacy);
    expect(diffSpecs(a, b).changes).toEqual([]);
    expect(diffSpecs(b, a).changes).toEqual([]);
  });

  it('but a real change made during the migration is still reported', () => {
    const [a, b] = pair(
      (d) => {
        migrate(d);
        d.components.schemas.OrderCreate.properties.quantity.exclusiveMinimum = 1;
      },
      '3.0.3',
      legacy,
    );
    expect(shape(diffSpecs(a, b).changes)).toEqual([
      ['request-limit-narrowed', `${IN}/properties/quantity/exclusiveMinimum`],
    ]);
  });
});

describe('limits that change nothing', () => {
  it('minLength: 0 written or not is the same', () => {
    const [a, b] = pair(
      (d) => delete d.components.schemas.Order.properties.note.minLength,
      '3.1.0',
      (d) => (d.components.schemas.Order.properties.note.minLength = 0),
    );
    expect(diffSpecs(a, b).changes).toEqual([]);
  });

  it('a limit or pattern dropped when a const / enum within the old limits is added lets nothing new through', () => {
    const [a, b] = pair((d) => {
      const ref = d.components.schemas.Order.properties.ref;
      delete ref.maxLength;
      delete ref.pattern;
      ref.enum = ['ABC', 'XYZ'];
    });
    expect(shape(diffSpecs(a, b).changes)).toEqual([
      ['response-enum-narrowed', `${OUT}/properties/ref/enum`],
    ]);
  });

  it('but an enum value beyond the old limit is a widening', () => {
    const [a, b] = pair((d) => {
      const ref = d.components.schemas.Order.properties.ref;
      delete ref.maxLength;
      ref.enum = ['ABCDEFGHIJKLMNOP'];
    });
    expect(shape(diffSpecs(a, b).changes)).toEqual([
      ['response-enum-narrowed', `${OUT}/properties/ref/enum`],
      ['response-limit-widened', `${OUT}/properties/ref/maxLength`],
    ]);
  });
});

describe('readOnly / writeOnly', () => {
  it('a readOnly property added as required is not a request break (it is a response addition)', () => {
    const [a, b] = pair(
      (d) => {
        d.paths['/api/v1/orders'].post.requestBody.content['application/json'].schema = {
          $ref: '#/components/schemas/Order',
        };
        d.components.schemas.Order.properties.createdAt = { type: 'string', readOnly: true };
        d.components.schemas.Order.required.push('createdAt');
      },
      '3.1.0',
      (d) =>
        (d.paths['/api/v1/orders'].post.requestBody.content['application/json'].schema = {
          $ref: '#/components/schemas/Order',
        }),
    );
    expect(shape(diffSpecs(a, b).changes)).toEqual([
      ['response-property-added', `${OUT}/properties/createdAt`],
    ]);
  });

  it('the same property without readOnly is a request break', () => {
    const [a, b] = pair((d) => {
      d.components.schemas.OrderCreate.properties.createdAt = { type: 'string' };
      d.components.schemas.OrderCreate.required.push('createdAt');
    });
    expect(shape(diffSpecs(a, b).changes)).toEqual([
      ['request-property-added-required', `${IN}/properties/createdAt`],
    ]);
  });

  it('a writeOnly property removed is not a response break', () => {
    const [a, b] = pair(
      (d) => delete d.components.schemas.Order.properties.secret,
      '3.1.0',
      (d) => {
        d.components.schemas.Order.properties.secret = { type: 'string', writeOnly: true };
      },
    );
    expect(diffSpecs(a, b).changes).toEqual([]);
  });
});

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

describe('pointers in both documents', () => {
  it('a renamed path parameter: before and after name each document', () => {
    const [a, b] = pair((d) => {
      d.paths['/api/v1/orders/{id}'] = d.paths['/api/v1/orders/{orderId}'];
      delete d.paths['/api/v1/orders/{orderId}'];
      d.paths['/api/v1/orders/{id}'].parameters[0].name = 'id';
      d.paths['/api/v1/orders/{id}'].get.security = [];
    });
    expect(diffSpecs(a, b).changes.map((c) => [c.before, c.after])).toEqual([
      ['/paths/~1api~1v1~1orders~1{orderId}/get/security', '/paths/~1api~1v1~1orders~1{id}/get/security'],
    ]);
  });
  it('a removal points at the closest container in the new document', () => {
    const [a, b] = pair((d) => delete d.paths['/api/v1/orders'].post.responses['422']);
    expect(diffSpecs(a, b).changes.map((c) => [c.pointer, c.before, c.after])).toEqual([
      [`${CREATE}/responses/422`, `${CREATE}/responses/422`, `${CREATE}/responses`],
    ]);
  });
});

describe('unchanged meaning', () => {
  it('ignores renamed path parameters and header letter case', () => {
    const [a, b] = pair((d) => {
      d.paths['/api/v1/orders/{id}'] = d.paths['/api/v1/orders/{orderId}'];
      delete d.paths['/api/v1/orders/{orderId}'];
      d.paths['/api/v1/orders/{id}'].parameters[0].name = 'id';
      d.paths['/api/v1/orders'].get.parameters[1].name = 'x-trace';
      d.paths['/api/v1/orders'].get.responses['200'].headers.etag =
        d.paths['/api/v1/orders'].get.responses['200'].headers.ETag;
      delete d.paths['/api/v1/orders'].get.responses['200'].headers.ETag;
    });
    expect(diffSpecs(a, b).changes).toEqual([]);
  });

  it('compares by meaning, not by factoring into components', () => {
    const [a, b] = pair(
      (d) =>
        (d.paths['/api/v1/orders'].post.requestBody.content['application/json'].schema = structuredClone(
          d.components.schemas.OrderCreate,
        )),
    );
    expect(diffSpecs(a, b).changes).toEqual([]);
  });

  it('survives recursive schemas', () => {
    const [a, b] = pair(
      (d) =>
        (d.components.schemas.Order.properties.parent = {
          $ref: '#/components/schemas/Order',
          description: 'parent order',
        }),
      '3.1.0',
      (d) => (d.components.schemas.Order.properties.parent = { $ref: '#/components/schemas/Order' }),
    );
    expect(diffSpecs(a, b).changes).toEqual([]);
  });
});
