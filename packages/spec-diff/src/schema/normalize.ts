import { isObject } from '../deref.js';

/**
 * Reads a schema the same way whether it is written for OpenAPI 3.0 or 3.1 (JSON Schema 2020-12):
 * `nullable: true` ≡ `type: [x, 'null']`, boolean `exclusiveMinimum` + `minimum` ≡ numeric
 * `exclusiveMinimum`, `example` ≡ `examples` (neither is compared). So a 3.0 → 3.1 migration that
 * means the same thing reports nothing.
 */
export type Schema = Record<string, unknown>;

/** Declared types (with `null` when nullable); no `type` but properties means object. */
export function typesOf(s: Schema): Set<string> {
  const t = s.type;
  const types = new Set(
    typeof t === 'string' ? [t] : Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : [],
  );
  if (types.size === 0 && isObject(s.properties)) types.add('object');
  if (s.nullable === true && types.size > 0) types.add('null');
  return types;
}

/** `wide` accepts every value `narrow` does (`integer` is a subset of `number`). */
export const covers = (wide: Set<string>, narrow: Set<string>): boolean =>
  [...narrow].every((t) => wide.has(t) || (t === 'integer' && wide.has('number')));

/** Allowed values (`const` is a one-value enum); `null` joins when a 3.0 schema is nullable. */
export function enumOf(s: Schema): unknown[] | undefined {
  const values = 'const' in s ? [s.const] : Array.isArray(s.enum) ? s.enum : undefined;
  if (values && s.nullable === true && !values.includes(null)) return [...values, null];
  return values;
}

export const UPPER = ['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems', 'maxProperties'] as const;
export const LOWER = ['minLength', 'minimum', 'exclusiveMinimum', 'minItems', 'minProperties'] as const;
export type Limit = (typeof UPPER)[number] | (typeof LOWER)[number];

/** Numeric limits, with 3.0's boolean exclusive bounds turned into 3.1's numeric ones. */
export function limitsOf(s: Schema): Partial<Record<Limit, number>> {
  const out: Partial<Record<Limit, number>> = {};
  for (const k of [...UPPER, ...LOWER]) if (typeof s[k] === 'number') out[k] = s[k] as number;
  // A zero lower bound on a length or count is the default: writing it or not means the same.
  for (const k of ['minLength', 'minItems', 'minProperties'] as const) if (out[k] === 0) delete out[k];
  if (s.exclusiveMinimum === true && typeof s.minimum === 'number') {
    out.exclusiveMinimum = s.minimum;
    delete out.minimum;
  }
  if (s.exclusiveMaximum === true && typeof s.maximum === 'number') {
    out.exclusiveMaximum = s.maximum;
    delete out.maximum;
  }
  return out;
}

/** JSON with sorted keys (and without annotations), so equal schemas in another order compare equal. */
export function canonical(value: unknown, seen = new Set<unknown>()): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v, seen)).join(',')}]`;
  if (!isObject(value)) return JSON.stringify(value) ?? 'null';
  if (seen.has(value)) return '"<cycle>"';
  seen.add(value);
  const body = Object.keys(value)
    .filter((k) => !ANNOTATIONS.has(k))
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(value[k], seen)}`)
    .join(',');
  seen.delete(value);
  return `{${body}}`;
}
const ANNOTATIONS = new Set(['description', 'example', 'examples', 'summary', '$comment', 'externalDocs']);

/** Formats whose values include every value of another (a widening when moving left to right). */
const WIDER: Record<string, string[]> = {
  int32: ['int64'],
  float: ['double'],
  date: [],
  'date-time': [],
};
export const formatWidens = (from: string, to: string): boolean => WIDER[from]?.includes(to) ?? false;

/** Properties and required names, flattening `allOf` (how schemas are usually extended). */
export function shape(s: Schema): { props: Map<string, Schema>; required: Set<string>; closed: boolean } {
  const props = new Map<string, Schema>();
  const required = new Set<string>();
  let closed = s.additionalProperties === false || s.unevaluatedProperties === false;
  const visit = (part: unknown) => {
    if (!isObject(part)) return;
    if (isObject(part.properties))
      for (const [k, v] of Object.entries(part.properties)) if (isObject(v) && !props.has(k)) props.set(k, v);
    if (Array.isArray(part.required))
      for (const r of part.required) if (typeof r === 'string') required.add(r);
    if (Array.isArray(part.allOf)) part.allOf.forEach(visit);
  };
  visit(s);
  if (Array.isArray(s.allOf))
    closed ||= s.allOf.some((p) => isObject(p) && p.unevaluatedProperties === false);
  return { props, required, closed };
}
