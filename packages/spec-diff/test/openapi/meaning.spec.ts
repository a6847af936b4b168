import { describe, expect, it } from 'vitest';
import { diffSpecs } from '../../src/index.js';
import { openapi, type Doc } from '../documents.js';
import { pair } from './pair.js';
import { shape } from '../harness.js';
import { CREATE, IN, OUT } from './pointers.js';

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
