import { describe, expect, it } from 'vitest';
import { sampleInvalid, sampleValid, uuidFrom } from './sample.js';
import { SchemaValidator } from './validate.js';

const item = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'quantity', 'email'],
  properties: {
    id: { type: 'string', format: 'uuid', readOnly: true },
    name: { type: 'string', minLength: 1, maxLength: 20 },
    quantity: { type: 'integer', minimum: 3, maximum: 9, multipleOf: 2 },
    email: { type: 'string', format: 'email' },
    kind: { type: 'string', enum: ['small', 'large'] },
    note: { type: ['string', 'null'], maxLength: 500 },
    tenantId: { type: 'string' },
    tags: { type: 'array', minItems: 2, items: { type: 'string', format: 'date' } },
  },
};
const validator = new SchemaValidator('3.1');

describe('sampleValid', () => {
  it('builds a value the schema accepts, leaving out readOnly and optional tenant members', () => {
    const value = sampleValid(item, { runId: 'r1', variant: 'a' }) as Record<string, unknown>;
    expect(validator.validate(item, value, 'request')).toEqual([]);
    expect(value).not.toHaveProperty('id');
    expect(value).not.toHaveProperty('tenantId');
    expect(value).toMatchObject({ quantity: 4, kind: 'small', email: 'ss-r1-a@example.com' });
    expect((value.name as string).length).toBeLessThanOrEqual(20);
    expect(value.tags).toEqual(['2026-01-01', '2026-01-01']);
  });

  it('is deterministic and tags free text with the run id and variant', () => {
    const one = sampleValid(item, { runId: 'r1', variant: 'a' });
    expect(sampleValid(item, { runId: 'r1', variant: 'a' })).toEqual(one);
    expect(sampleValid(item, { runId: 'r1', variant: 'b' })).not.toEqual(one);
    expect((one as { note: string }).note).toBe('ss-r1-a');
  });

  it('merges allOf and picks the first non-null oneOf branch', () => {
    const schema = {
      allOf: [
        { type: 'object', required: ['a'], properties: { a: { type: 'integer' } } },
        { required: ['b'], properties: { b: { oneOf: [{ type: 'null' }, { type: 'boolean' }] } } },
      ],
    };
    expect(sampleValid(schema, { runId: 'r', variant: 'v' })).toEqual({ a: 1, b: true });
  });

  it('makes UUIDs that validate and differ per input', () => {
    expect(uuidFrom('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidFrom('x')).not.toBe(uuidFrom('y'));
  });
});

describe('sampleInvalid', () => {
  it('returns only variants the schema rejects, each named', () => {
    const variants = sampleInvalid(item, { runId: 'r1', variant: 'bad' }, validator);
    expect(variants.map((v) => v.name)).toEqual([
      'wrong type for "name"',
      'scalar of the wrong type for "name"',
      'missing required "name"',
      '"name" longer than maxLength',
      'array instead of object',
    ]);
    for (const variant of variants)
      expect(validator.validate(item, variant.body, 'request')!.length).toBeGreaterThan(0);
  });

  it('uses an object as the wrong type, which no validator coerces into a scalar', () => {
    const [wrong] = sampleInvalid(item, { runId: 'r', variant: 'v' }, validator);
    expect((wrong!.body as Record<string, unknown>).name).toEqual({ unexpected: true });
  });

  it('also sends a scalar of another scalar type, which a coercing validator would wrongly accept', () => {
    const variants = sampleInvalid(item, { runId: 'r', variant: 'v' }, validator);
    const scalar = variants.find((v) => v.name === 'scalar of the wrong type for "name"');
    expect((scalar!.body as Record<string, unknown>).name).toBe(12345);
  });

  it('drops a variant the schema happens to accept', () => {
    const loose = { type: 'object', properties: { any: {} } };
    expect(sampleInvalid(loose, { runId: 'r', variant: 'v' }, validator).map((v) => v.name)).toEqual([
      'array instead of object',
    ]);
  });
});

describe('self-referencing schemas', () => {
  it('are sampled to a bounded depth and validated with the cycle cut', () => {
    const node: Record<string, unknown> = {
      type: 'object',
      required: ['name'],
      properties: { name: { type: 'string' }, children: { type: 'array', items: {} } },
    };
    (node.properties as Record<string, Record<string, unknown>>).children!.items = node;
    (node.properties as Record<string, unknown>).parent = node;
    const value = sampleValid(node, { runId: 'r', variant: 'c' });
    expect(JSON.stringify(value).length).toBeLessThan(2000);
    expect(validator.validate(node, value, 'request')).toEqual([]);
    expect(validator.validate(node, { children: [] }, 'request')).toEqual([
      "/ must have required property 'name'",
    ]);
  });
});
