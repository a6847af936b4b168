import { createRulesetFunction } from '@stoplight/spectral-core';
import { declaredProperties, isObject, requiredProperties } from './schema-utils.js';

export interface ProblemMembersOptions {
  /** Members the problem schema must declare (as properties). */
  members: string[];
  /** Whether the members must also be listed in `required`. */
  required: boolean;
}

/** The problem+json schema of an error response declares (and, with `required`, requires) the house members. */
export const problemMembers = createRulesetFunction<unknown, ProblemMembersOptions>(
  {
    input: null,
    options: {
      type: 'object',
      properties: {
        members: { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true },
        required: { type: 'boolean' },
      },
      required: ['members', 'required'],
      additionalProperties: false,
    },
  },
  (schema, { members, required: mustRequire }, { path }) => {
    if (!isObject(schema))
      return [{ message: 'problem+json content must declare a schema', path: [...path] }];
    const declared = declaredProperties(schema);
    const required = requiredProperties(schema);
    const missing = members.filter((m) => !declared.has(m));
    const optional = mustRequire ? members.filter((m) => declared.has(m) && !required.has(m)) : [];
    const results = [];
    if (missing.length > 0) {
      results.push({ message: `problem schema must declare ${missing.join(', ')}`, path: [...path] });
    }
    if (optional.length > 0) {
      results.push({
        message: `problem schema must list ${optional.join(', ')} in required`,
        path: [...path],
      });
    }
    return results;
  },
);
