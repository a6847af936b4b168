import { createRulesetFunction } from '@stoplight/spectral-core';
import { isObject, resolvedDocument, type JsonObject } from './schema-utils.js';

export interface IdempotencyKeyHeaderOptions {
  /** Header name (matched case-insensitively, as HTTP does). */
  header: string;
  /** Largest `maxLength` accepted: the key must be length-limited, and not absurdly long. */
  maxLength: number;
}

/** An operation may opt out (the runtime's `config: { idempotency: false }`) with this extension. */
export const IDEMPOTENCY_OPT_OUT = 'x-shipshape-idempotency';

/**
 * A POST declares a required, length-limited `Idempotency-Key` header parameter (operation-level or
 * path-level). Input: the resolved operation; path-level parameters are read from the resolved doc.
 */
export const idempotencyKeyHeader = createRulesetFunction<JsonObject, IdempotencyKeyHeaderOptions>(
  {
    input: { type: 'object' },
    options: {
      type: 'object',
      properties: { header: { type: 'string', minLength: 1 }, maxLength: { type: 'integer', minimum: 1 } },
      required: ['header', 'maxLength'],
      additionalProperties: false,
    },
  },
  (operation, { header, maxLength }, { path, documentInventory }) => {
    if (operation[IDEMPOTENCY_OPT_OUT] === false) return;
    const candidates: { param: JsonObject; at: (string | number)[] }[] = [];
    const own = operation.parameters;
    if (Array.isArray(own))
      own.forEach((p, i) => isObject(p) && candidates.push({ param: p, at: [...path, 'parameters', i] }));
    const pathItem = lookup(resolvedDocument(documentInventory), path.slice(0, -1));
    if (isObject(pathItem) && Array.isArray(pathItem.parameters)) {
      pathItem.parameters.forEach(
        (p, i) => isObject(p) && candidates.push({ param: p, at: [...path.slice(0, -1), 'parameters', i] }),
      );
    }
    const found = candidates.find(
      ({ param }) =>
        param.in === 'header' &&
        typeof param.name === 'string' &&
        param.name.toLowerCase() === header.toLowerCase(),
    );
    if (!found) return [{ message: `POST must declare the "${header}" header parameter`, path: [...path] }];
    const results = [];
    if (found.param.required !== true) {
      results.push({ message: `"${header}" must be required`, path: [...found.at, 'required'] });
    }
    const schema = found.param.schema;
    const limit = isObject(schema) ? schema.maxLength : undefined;
    if (typeof limit !== 'number') {
      results.push({
        message: `"${header}" must be length-limited (maxLength)`,
        path: [...found.at, 'schema'],
      });
    } else if (limit > maxLength) {
      results.push({
        message: `"${header}" maxLength ${limit} exceeds ${maxLength}`,
        path: [...found.at, 'schema', 'maxLength'],
      });
    }
    return results;
  },
);

function lookup(root: unknown, path: readonly (string | number)[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}
