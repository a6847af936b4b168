import { createRulesetFunction } from '@stoplight/spectral-core';
import { isObject, schemaTypes, walkSchema } from './schema-utils.js';

/**
 * Every object schema in a request body is closed: `additionalProperties: false` (or
 * `unevaluatedProperties: false`, which is what works with `allOf`), or a map whose
 * `additionalProperties` schema is bounded by `maxProperties`. Members of an `allOf` are judged
 * through their parent, because closing each part would reject the other parts' properties.
 */
export const closedObjects = createRulesetFunction<unknown, null>(
  { input: null, options: null },
  (schema, _o, { path }) => {
    const results: { message: string; path: (string | number)[] }[] = [];
    walkSchema(schema, [...path], ({ schema: s, path: at }) => {
      const isObjectSchema = schemaTypes(s).includes('object') || isObject(s.properties);
      if (!isObjectSchema) return;
      if (at[at.length - 2] === 'allOf') return;
      if (s.additionalProperties === false || s.unevaluatedProperties === false) return;
      if (isObject(s.additionalProperties) && typeof s.maxProperties === 'number') return;
      results.push({
        message: isObject(s.additionalProperties)
          ? 'request body map must bound its size with maxProperties'
          : 'request body object must set additionalProperties: false',
        path: at,
      });
    });
    return results;
  },
);
