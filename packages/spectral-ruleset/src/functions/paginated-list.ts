import { createRulesetFunction } from '@stoplight/spectral-core';
import {
  declaredProperties,
  isObject,
  resolvedDocument,
  schemaTypes,
  type JsonObject,
} from './schema-utils.js';

export interface PaginatedListOptions {
  /** Query parameter that caps the page size (an integer with a maximum). */
  limit: string;
  /** Query parameter that carries the opaque continuation cursor (a string). */
  cursor: string;
  /** Members of a 200 object body whose array type makes the operation a list. */
  itemMembers: string[];
}

/**
 * A list operation — a GET whose 200 JSON body is an array, or an object with an array `items`
 * (or `data`) member — declares `limit` (integer, bounded by `maximum`) and `cursor` (string) query
 * parameters. Input: the resolved GET operation.
 */
export const paginatedList = createRulesetFunction<JsonObject, PaginatedListOptions>(
  {
    input: { type: 'object' },
    options: {
      type: 'object',
      properties: {
        limit: { type: 'string', minLength: 1 },
        cursor: { type: 'string', minLength: 1 },
        itemMembers: { type: 'array', items: { type: 'string' }, minItems: 1 },
      },
      required: ['limit', 'cursor', 'itemMembers'],
      additionalProperties: false,
    },
  },
  (operation, { limit, cursor, itemMembers }, { path, documentInventory }) => {
    if (!isList(operation, itemMembers)) return;
    const params = queryParameters(operation, resolvedDocument(documentInventory), path);
    const results = [];
    const limitParam = params.get(limit);
    if (!limitParam) {
      results.push({ message: `list operation must accept a "${limit}" query parameter`, path: [...path] });
    } else {
      const s = isObject(limitParam.param.schema) ? limitParam.param.schema : {};
      if (!schemaTypes(s).includes('integer') || typeof s.maximum !== 'number') {
        results.push({
          message: `"${limit}" must be an integer with a maximum`,
          path: [...limitParam.at, 'schema'],
        });
      }
    }
    const cursorParam = params.get(cursor);
    if (!cursorParam) {
      results.push({ message: `list operation must accept a "${cursor}" query parameter`, path: [...path] });
    } else {
      const s = isObject(cursorParam.param.schema) ? cursorParam.param.schema : {};
      if (!schemaTypes(s).includes('string')) {
        results.push({ message: `"${cursor}" must be a string`, path: [...cursorParam.at, 'schema'] });
      }
    }
    return results;
  },
);

function isList(operation: JsonObject, itemMembers: string[]): boolean {
  const responses = isObject(operation.responses) ? operation.responses : {};
  const ok = responses['200'];
  const content = isObject(ok) && isObject(ok.content) ? ok.content : {};
  return Object.entries(content).some(([type, media]) => {
    if (!type.toLowerCase().includes('json') || !isObject(media) || !isObject(media.schema)) return false;
    const schema = media.schema;
    if (schemaTypes(schema).includes('array')) return true;
    const props = declaredProperties(schema);
    return itemMembers.some((m) => {
      const member = props.get(m);
      return member !== undefined && schemaTypes(member.schema).includes('array');
    });
  });
}

function queryParameters(operation: JsonObject, resolved: unknown, path: readonly (string | number)[]) {
  const out = new Map<string, { param: JsonObject; at: (string | number)[] }>();
  const add = (list: unknown, base: (string | number)[]) => {
    if (!Array.isArray(list)) return;
    list.forEach((p, i) => {
      if (isObject(p) && p.in === 'query' && typeof p.name === 'string' && !out.has(p.name)) {
        out.set(p.name, { param: p, at: [...base, 'parameters', i] });
      }
    });
  };
  add(operation.parameters, [...path]);
  const itemPath = path.slice(0, -1);
  let item: unknown = resolved;
  for (const key of itemPath) item = isObject(item) ? item[key as string] : undefined;
  if (isObject(item)) add(item.parameters, [...itemPath]);
  return out;
}
