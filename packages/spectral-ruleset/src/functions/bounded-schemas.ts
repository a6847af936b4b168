import { createRulesetFunction } from '@stoplight/spectral-core';
import { schemaTypes, walkSchema, type JsonObject } from './schema-utils.js';

export interface BoundedSchemasOptions {
  kind: 'string' | 'array' | 'integer';
}

const has = (s: JsonObject, ...keys: string[]) => keys.some((k) => k in s);

/**
 * Inputs are bounded (the OWASP API ruleset's "unrestricted resource consumption" intent): strings
 * have `maxLength` (or `enum`/`const`), arrays `maxItems`, integers both a lower and an upper bound.
 * One function, three rules, so each kind has its own id and message.
 */
export const boundedSchemas = createRulesetFunction<unknown, BoundedSchemasOptions>(
  {
    input: null,
    options: {
      type: 'object',
      properties: { kind: { enum: ['string', 'array', 'integer'] } },
      required: ['kind'],
      additionalProperties: false,
    },
  },
  (schema, { kind }, { path }) => {
    const results: { message: string; path: (string | number)[] }[] = [];
    walkSchema(schema, [...path], ({ schema: s, path: at }) => {
      if (!schemaTypes(s).includes(kind) || has(s, 'enum', 'const')) return;
      if (kind === 'string' && !has(s, 'maxLength')) {
        results.push({ message: 'string input must set maxLength (or enum/const)', path: at });
      } else if (kind === 'array' && !has(s, 'maxItems')) {
        results.push({ message: 'array input must set maxItems', path: at });
      } else if (kind === 'integer') {
        const missing = [
          has(s, 'minimum', 'exclusiveMinimum') ? null : 'minimum',
          has(s, 'maximum', 'exclusiveMaximum') ? null : 'maximum',
        ].filter(Boolean);
        if (missing.length > 0)
          results.push({ message: `integer input must set ${missing.join(' and ')}`, path: at });
      }
    });
    return results;
  },
);
