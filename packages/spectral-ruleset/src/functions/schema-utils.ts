/** Small helpers shared by the custom functions: they all walk (resolved) JSON Schema fragments. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON Schema types a schema admits (`type` may be a string or an array in OpenAPI 3.1). */
export function schemaTypes(schema: JsonObject): string[] {
  const type = schema.type;
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  return [];
}

export interface SchemaVisit {
  schema: JsonObject;
  path: (string | number)[];
}

const SUBSCHEMA_MAPS = [
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
  'dependentSchemas',
] as const;
const SUBSCHEMA_SINGLES = [
  'items',
  'additionalProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
  'contains',
  'not',
  'if',
  'then',
  'else',
  'propertyNames',
] as const;
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;

/**
 * Visits a schema and every subschema (depth first) with its path relative to `base`. A `seen` set
 * stops on circular structures, which resolved documents with recursive `$ref`s produce.
 */
export function walkSchema(root: unknown, base: (string | number)[], visit: (v: SchemaVisit) => void): void {
  const seen = new Set<object>();
  const go = (schema: unknown, path: (string | number)[]) => {
    if (!isObject(schema) || seen.has(schema)) return;
    seen.add(schema);
    visit({ schema, path });
    for (const key of SUBSCHEMA_MAPS) {
      const map = schema[key];
      if (isObject(map)) for (const [name, sub] of Object.entries(map)) go(sub, [...path, key, name]);
    }
    for (const key of SUBSCHEMA_SINGLES) {
      const sub = schema[key];
      if (isObject(sub)) go(sub, [...path, key]);
    }
    for (const key of SUBSCHEMA_LISTS) {
      const list = schema[key];
      if (Array.isArray(list)) list.forEach((sub, i) => go(sub, [...path, key, i]));
    }
  };
  go(root, base);
}

export interface PropertyAt {
  schema: JsonObject;
  path: (string | number)[];
}

/**
 * Properties a schema declares, with the path of each, following `allOf` (the usual way problem
 * schemas are extended). `base` is the schema's own path.
 */
export function declaredProperties(
  schema: unknown,
  base: (string | number)[] = [],
  seen = new Set<object>(),
): Map<string, PropertyAt> {
  const out = new Map<string, PropertyAt>();
  if (!isObject(schema) || seen.has(schema)) return out;
  seen.add(schema);
  if (isObject(schema.properties)) {
    for (const [name, sub] of Object.entries(schema.properties)) {
      if (isObject(sub)) out.set(name, { schema: sub, path: [...base, 'properties', name] });
    }
  }
  if (Array.isArray(schema.allOf)) {
    schema.allOf.forEach((part, i) => {
      for (const [k, v] of declaredProperties(part, [...base, 'allOf', i], seen))
        if (!out.has(k)) out.set(k, v);
    });
  }
  return out;
}

/** Every declaration of one property, following `allOf` (parts may each constrain it). */
export function propertyDeclarations(
  schema: unknown,
  name: string,
  base: (string | number)[] = [],
  seen = new Set<object>(),
): PropertyAt[] {
  if (!isObject(schema) || seen.has(schema)) return [];
  seen.add(schema);
  const out: PropertyAt[] = [];
  const own = isObject(schema.properties) ? schema.properties[name] : undefined;
  if (isObject(own)) out.push({ schema: own, path: [...base, 'properties', name] });
  if (Array.isArray(schema.allOf)) {
    schema.allOf.forEach((part, i) =>
      out.push(...propertyDeclarations(part, name, [...base, 'allOf', i], seen)),
    );
  }
  return out;
}

/** Required property names, following `allOf`. */
export function requiredProperties(schema: unknown, seen = new Set<object>()): Set<string> {
  const out = new Set<string>();
  if (!isObject(schema) || seen.has(schema)) return out;
  seen.add(schema);
  if (Array.isArray(schema.required)) for (const r of schema.required) if (typeof r === 'string') out.add(r);
  if (Array.isArray(schema.allOf)) {
    for (const part of schema.allOf) for (const r of requiredProperties(part, seen)) out.add(r);
  }
  return out;
}

/** The one value a schema pins (`const`, or an `enum` of exactly one value), if any. */
export function pinnedValue(schema: JsonObject): Json | undefined {
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length === 1) return schema.enum[0];
  return undefined;
}

/**
 * The whole resolved document. Spectral's `DocumentInventory` has it, its public interface type
 * does not declare it (its own rulesets read it the same way).
 */
export function resolvedDocument(inventory: object): unknown {
  return (inventory as { resolved?: unknown }).resolved;
}
