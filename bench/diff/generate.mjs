/**
 * bench/diff/generate.mjs — a large, realistic OpenAPI 3.1 pair, generated (nothing is fetched).
 *
 * `generatePair({ resources, seed })` returns `{ oldDoc, newDoc, edits }`: `resources` aggregates,
 * each with a collection and an item path (list / create / get / replace / update / delete), shared
 * and per-resource components (nested objects, enums, oneOf with a discriminator, arrays, formats,
 * limits, nullable fields, response headers, a webhook per resource) — the shapes of a large public
 * API. The new document carries a known set of single changes spread over the document (breaking,
 * warning and info ones), so the diff has real work to report. Deterministic for a seed.
 */

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'account',
  'invoice',
  'shipment',
  'customer',
  'product',
  'payment',
  'refund',
  'ticket',
  'order',
  'warehouse',
  'carrier',
  'coupon',
  'review',
  'region',
  'tenant',
  'plan',
];

function resourceSchemas(name, r) {
  const Name = name[0].toUpperCase() + name.slice(1);
  const props = {
    id: { type: 'string', format: 'uuid', readOnly: true },
    createdAt: { type: 'string', format: 'date-time', readOnly: true },
  };
  const fields = 14 + Math.floor(r() * 10);
  for (let i = 0; i < fields; i++) {
    const k = `${WORDS[Math.floor(r() * WORDS.length)]}Field${i}`;
    const kind = Math.floor(r() * 6);
    props[k] =
      kind === 0
        ? { type: 'string', maxLength: 64 + i, description: `The ${k} of the ${name}. `.repeat(3) }
        : kind === 1
          ? { type: 'integer', format: 'int32', minimum: 0, maximum: 10000 }
          : kind === 2
            ? { type: 'string', enum: ['draft', 'active', 'suspended', 'closed'] }
            : kind === 3
              ? { type: ['string', 'null'], pattern: '^[A-Z]{2}[0-9]{4}$' }
              : kind === 4
                ? { type: 'array', maxItems: 50, items: { $ref: '#/components/schemas/Money' } }
                : {
                    type: 'object',
                    properties: {
                      line1: { type: 'string' },
                      city: { type: 'string' },
                      zip: { type: 'string', maxLength: 10 },
                    },
                  };
  }
  props.settlement = {
    oneOf: [{ $ref: '#/components/schemas/CardSettlement' }, { $ref: '#/components/schemas/BankSettlement' }],
    discriminator: { propertyName: 'kind' },
  };
  const required = Object.keys(props).filter((_, i) => i % 3 === 0);
  return {
    [Name]: { type: 'object', required, properties: props },
    [`${Name}Create`]: {
      type: 'object',
      additionalProperties: false,
      required: required.filter((k) => k !== 'id' && k !== 'createdAt'),
      properties: Object.fromEntries(Object.entries(props).filter(([k]) => k !== 'id' && k !== 'createdAt')),
    },
    [`${Name}Page`]: {
      type: 'object',
      required: ['items'],
      properties: {
        items: { type: 'array', items: { $ref: `#/components/schemas/${Name}` } },
        next: { type: 'string' },
      },
    },
  };
}

const json = (ref) => ({ 'application/json': { schema: { $ref: ref } } });
const problem = {
  description: 'problem',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};
const headers = {
  ETag: { required: true, schema: { type: 'string' } },
  'X-Rate-Limit-Remaining': { schema: { type: 'integer', minimum: 0 } },
};

function resourcePaths(name) {
  const Name = name[0].toUpperCase() + name.slice(1);
  const list = `/api/v1/${name}s`;
  const item = `${list}/{${name}Id}`;
  return {
    [list]: {
      get: {
        operationId: `list${Name}s`,
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
          { name: 'cursor', in: 'query', schema: { type: 'string' } },
          { $ref: '#/components/parameters/Tenant' },
        ],
        responses: {
          200: { description: 'page', headers, content: json(`#/components/schemas/${Name}Page`) },
          400: problem,
        },
      },
      post: {
        operationId: `create${Name}`,
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: true,
            schema: { type: 'string', maxLength: 64 },
          },
        ],
        requestBody: { required: true, content: json(`#/components/schemas/${Name}Create`) },
        responses: {
          201: { description: 'created', headers, content: json(`#/components/schemas/${Name}`) },
          409: problem,
          422: problem,
        },
      },
    },
    [item]: {
      parameters: [
        { name: `${name}Id`, in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
      ],
      get: {
        operationId: `get${Name}`,
        responses: {
          200: { description: 'ok', headers, content: json(`#/components/schemas/${Name}`) },
          404: problem,
        },
      },
      put: {
        operationId: `replace${Name}`,
        requestBody: { required: true, content: json(`#/components/schemas/${Name}Create`) },
        responses: {
          200: { description: 'ok', content: json(`#/components/schemas/${Name}`) },
          404: problem,
        },
      },
      patch: {
        operationId: `update${Name}`,
        requestBody: {
          content: {
            'application/merge-patch+json': { schema: { $ref: `#/components/schemas/${Name}Create` } },
          },
        },
        responses: {
          200: { description: 'ok', content: json(`#/components/schemas/${Name}`) },
          404: problem,
        },
      },
      delete: { operationId: `delete${Name}`, responses: { 204: { description: 'deleted' }, 404: problem } },
    },
  };
}

export function generatePair({ resources = 700, seed = 42 } = {}) {
  const r = rng(seed);
  const doc = {
    openapi: '3.1.0',
    info: { title: 'Generated large API', version: '3.2.0' },
    servers: [{ url: 'https://api.example.com/v1' }],
    security: [{ bearer: [] }],
    paths: {},
    webhooks: {},
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      parameters: { Tenant: { name: 'X-Tenant', in: 'header', schema: { type: 'string' } } },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status'],
          properties: {
            type: { type: 'string', format: 'uri' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            code: { type: 'string' },
            traceId: { type: 'string' },
          },
        },
        Money: {
          type: 'object',
          required: ['amount', 'currency'],
          properties: {
            amount: { type: 'integer', format: 'int64' },
            currency: { type: 'string', pattern: '^[A-Z]{3}$' },
          },
        },
        CardSettlement: {
          type: 'object',
          properties: { kind: { const: 'card' }, last4: { type: 'string', maxLength: 4 } },
        },
        BankSettlement: {
          type: 'object',
          properties: { kind: { const: 'bank' }, iban: { type: 'string', maxLength: 34 } },
        },
      },
    },
  };
  const names = [];
  for (let i = 0; i < resources; i++) {
    const name = `${WORDS[i % WORDS.length]}${i}`;
    names.push(name);
    Object.assign(doc.paths, resourcePaths(name));
    Object.assign(doc.components.schemas, resourceSchemas(name, r));
    doc.webhooks[`${name}Changed`] = {
      post: {
        requestBody: { content: json(`#/components/schemas/${name[0].toUpperCase()}${name.slice(1)}`) },
        responses: { 200: { description: 'ack' } },
      },
    };
  }
  const newDoc = structuredClone(doc);
  const edits = [];
  const schemas = newDoc.components.schemas;
  names.forEach((name, i) => {
    if (i % 25 !== 0) return;
    const Name = name[0].toUpperCase() + name.slice(1);
    const s = schemas[Name].properties;
    const key = Object.keys(s).find((k) => s[k].enum);
    if (key) {
      s[key].enum.push('archived');
      edits.push(`${Name}.${key} enum widened`);
    }
    const str = Object.keys(s).find((k) => typeof s[k].maxLength === 'number');
    if (str) {
      schemas[`${Name}Create`].properties[str] = { ...s[str], maxLength: 16 };
      edits.push(`${Name}Create.${str} maxLength lowered`);
    }
    newDoc.paths[`/api/v1/${name}s`].get.parameters[0].schema.default = 25;
    edits.push(`list ${name}s limit default changed`);
    if (i % 50 === 0) {
      delete newDoc.paths[`/api/v1/${name}s/{${name}Id}`].delete;
      edits.push(`DELETE ${name} removed`);
    }
  });
  return { oldDoc: doc, newDoc, edits };
}
