import type { JsonSchema } from './spec.js';
import type { SchemaValidator } from './validate.js';

export interface SampleOptions {
  /** Run id: written into free-text members so created resources are identifiable as the suite's. */
  runId: string;
  /** Distinguishes payloads within a run (e.g. `a1`, `b1`); two variants give two different bodies. */
  variant: string;
}

const MAX_DEPTH = 8;

/**
 * Builds a valid request value from a JSON schema, deterministically (same schema + options →
 * same value). Hand-written rather than json-schema-faker: that library is random by design, and
 * the suite needs stable payloads, the run id in free-text members (resources tagged as its own)
 * and payload variants that differ only where the schema allows.
 */
export function sampleValid(schema: JsonSchema | undefined, options: SampleOptions): unknown {
  return build(schema ?? {}, options, 0, { tagged: false });
}

function build(
  schema: JsonSchema,
  options: SampleOptions,
  depth: number,
  state: { tagged: boolean },
): unknown {
  if (depth > MAX_DEPTH) return null;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    return schema.enum.find((v) => v !== null) ?? schema.enum[0];
  }
  if (Array.isArray(schema.allOf)) {
    const merged = mergeAll(schema.allOf as JsonSchema[], schema);
    return build(merged, options, depth + 1, state);
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    const list = schema[key] as JsonSchema[] | undefined;
    if (Array.isArray(list) && list.length > 0) {
      // An array-or-object body (`oneOf: [Thing, Thing[]]`) is sent in its object form.
      const usable = list.filter((s) => s.type !== 'null' && !s.readOnly);
      const pick = usable.find((s) => s.type === 'object' || s.properties) ?? usable[0] ?? list[0]!;
      return build({ ...schema, [key]: undefined, ...pick }, options, depth + 1, state);
    }
  }
  const type = pickType(schema);
  switch (type) {
    case 'object':
      return buildObject(schema, options, depth, state);
    case 'array': {
      const items = (schema.items as JsonSchema | undefined) ?? {};
      const count = Math.max(1, Number(schema.minItems ?? 1));
      return Array.from({ length: Math.min(count, 3) }, () => build(items, options, depth + 1, state));
    }
    case 'integer':
    case 'number':
      return buildNumber(schema, type);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return buildString(schema, options, state);
  }
}

function buildObject(schema: JsonSchema, options: SampleOptions, depth: number, state: { tagged: boolean }) {
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const out: Record<string, unknown> = {};
  for (const [name, prop] of Object.entries(props)) {
    if (prop.readOnly === true) continue;
    // Optional members stop at a shallow depth: a self-referencing schema would nest them forever.
    if (!required.has(name) && depth >= 2) continue;
    // Optional members that carry tenancy are left out: the suite sets them only on purpose.
    if (!required.has(name) && /^tenant[_-]?id$/i.test(name)) continue;
    out[name] = build(prop, options, depth + 1, state);
  }
  if (
    Object.keys(props).length === 0 &&
    schema.additionalProperties &&
    typeof schema.additionalProperties === 'object'
  ) {
    out['shipshape-run'] = build(schema.additionalProperties as JsonSchema, options, depth + 1, state);
  }
  return out;
}

function pickType(schema: JsonSchema): string {
  const type = schema.type;
  if (Array.isArray(type)) return (type.find((t) => t !== 'null') as string | undefined) ?? 'null';
  if (typeof type === 'string') return type;
  if (schema.properties) return 'object';
  if (schema.items) return 'array';
  return 'string';
}

function buildNumber(schema: JsonSchema, type: string): number {
  let value = 1;
  const min = typeof schema.minimum === 'number' ? schema.minimum : undefined;
  const exMin = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : undefined;
  const max = typeof schema.maximum === 'number' ? schema.maximum : undefined;
  const exMax = typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum : undefined;
  if (min !== undefined) value = Math.max(value, min);
  if (exMin !== undefined) value = Math.max(value, type === 'integer' ? Math.floor(exMin) + 1 : exMin + 0.5);
  if (max !== undefined) value = Math.min(value, max);
  if (exMax !== undefined && value >= exMax) value = type === 'integer' ? Math.ceil(exMax) - 1 : exMax - 0.5;
  const step = typeof schema.multipleOf === 'number' ? schema.multipleOf : undefined;
  if (step) value = Math.ceil(value / step) * step;
  return type === 'integer' ? Math.round(value) : value;
}

function buildString(schema: JsonSchema, options: SampleOptions, state: { tagged: boolean }): string {
  const tag = `ss-${options.runId}-${options.variant}`;
  switch (schema.format) {
    case 'email':
      return `${tag}@example.com`;
    case 'uuid':
      return uuidFrom(tag);
    case 'date-time':
      return '2026-01-01T00:00:00Z';
    case 'date':
      return '2026-01-01';
    case 'time':
      return '12:00:00Z';
    case 'uri':
    case 'url':
      return `https://example.com/${tag}`;
    case 'hostname':
      return `${tag}.example.com`;
    case 'ipv4':
      return '192.0.2.1';
    case 'ipv6':
      return '2001:db8::1';
    case 'byte':
      return Buffer.from(tag).toString('base64');
    default:
      break;
  }
  if (typeof schema.pattern === 'string') {
    try {
      if (!new RegExp(schema.pattern, 'u').test(tag)) {
        const example = (schema.example ?? (schema.examples as unknown[] | undefined)?.[0]) as unknown;
        if (typeof example === 'string') return example;
      }
    } catch {
      // An ECMA-incompatible pattern: fall through to the tag.
    }
  }
  state.tagged = true;
  const min = Number(schema.minLength ?? 0);
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : undefined;
  let text = tag;
  if (text.length < min) text = text.padEnd(min, 'x');
  if (max !== undefined && text.length > max) text = text.slice(-max);
  return text;
}

/** A stable v4-shaped UUID derived from text (not random: payloads stay reproducible). */
export function uuidFrom(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const hex: string[] = [];
  for (let round = 0; hex.join('').length < 32; round += 1) {
    for (const ch of `${text}#${round}`) {
      h1 = Math.imul(h1 ^ ch.charCodeAt(0), 16777619) >>> 0;
      h2 = Math.imul(h2 + ch.charCodeAt(0), 2246822519) >>> 0;
    }
    hex.push(((h1 ^ h2) >>> 0).toString(16).padStart(8, '0'));
  }
  const s = hex.join('').slice(0, 32).split('');
  s[12] = '4';
  s[16] = '89ab'[parseInt(s[16]!, 16) % 4]!;
  const j = s.join('');
  return `${j.slice(0, 8)}-${j.slice(8, 12)}-${j.slice(12, 16)}-${j.slice(16, 20)}-${j.slice(20, 32)}`;
}

function mergeAll(parts: JsonSchema[], parent: JsonSchema): JsonSchema {
  const merged: JsonSchema = { ...parent, allOf: undefined };
  const properties: Record<string, JsonSchema> = {
    ...((parent.properties as Record<string, JsonSchema>) ?? {}),
  };
  const required = new Set<string>((parent.required as string[] | undefined) ?? []);
  for (const part of parts) {
    const resolved = Array.isArray(part.allOf) ? mergeAll(part.allOf as JsonSchema[], part) : part;
    Object.assign(properties, resolved.properties ?? {});
    for (const name of (resolved.required as string[] | undefined) ?? []) required.add(name);
    for (const [key, value] of Object.entries(resolved)) {
      if (key !== 'properties' && key !== 'required' && key !== 'allOf' && merged[key] === undefined)
        merged[key] = value;
    }
  }
  merged.properties = properties;
  merged.required = [...required];
  if (!merged.type && Object.keys(properties).length > 0) merged.type = 'object';
  return merged;
}

function scalarMismatch(type: string | undefined): unknown {
  if (type === 'string') return 12345;
  if (type === 'integer' || type === 'number' || type === 'boolean') return 'not-a-' + type;
  return undefined;
}

export interface InvalidBody {
  name: string;
  body: unknown;
  raw?: string;
}

/**
 * Bodies that violate the schema, each confirmed invalid by the validator (a variant the schema
 * happens to accept is dropped rather than reported as a false finding).
 */
export function sampleInvalid(
  schema: JsonSchema | undefined,
  options: SampleOptions,
  validator: SchemaValidator,
): InvalidBody[] {
  if (!schema) return [];
  const valid = sampleValid(schema, options);
  const effective = Array.isArray(schema.allOf) ? mergeAll(schema.allOf as JsonSchema[], schema) : schema;
  const out: InvalidBody[] = [];
  if (valid && typeof valid === 'object' && !Array.isArray(valid)) {
    const props = (effective.properties ?? {}) as Record<string, JsonSchema>;
    const required = ((effective.required as string[] | undefined) ?? []).filter((n) => !props[n]?.readOnly);
    const first = required[0] ?? Object.keys(valid)[0];
    if (first !== undefined) {
      const prop = props[first] ?? {};
      // An object is no scalar's type and no validator coerces it (Fastify's default ajv coerces
      // scalars, so `12345` for a string would be accepted as "12345" and prove nothing).
      const wrong = pickType(prop) === 'object' ? 'not-an-object' : { unexpected: true };
      out.push({ name: `wrong type for "${first}"`, body: { ...(valid as object), [first]: wrong } });
      // A scalar of another scalar type is invalid JSON for the schema too; a server that coerces it
      // (Fastify's default ajv does) accepts input its contract rejects.
      const scalar = scalarMismatch(pickType(prop));
      if (scalar !== undefined) {
        out.push({
          name: `scalar of the wrong type for "${first}"`,
          body: { ...(valid as object), [first]: scalar },
        });
      }
    }
    if (required[0] !== undefined) {
      const copy = { ...(valid as Record<string, unknown>) };
      delete copy[required[0]];
      out.push({ name: `missing required "${required[0]}"`, body: copy });
    }
    const stringProp = Object.entries(props).find(([, p]) => typeof p.maxLength === 'number' && !p.readOnly);
    if (stringProp) {
      const [name, p] = stringProp;
      out.push({
        name: `"${name}" longer than maxLength`,
        body: { ...(valid as object), [name]: 'x'.repeat(Number(p.maxLength) + 1) },
      });
    }
    out.push({ name: 'array instead of object', body: [valid] });
  }
  return out.filter((variant) => {
    const errors = validator.validate(schema, variant.body, 'request');
    return errors === null || errors.length > 0;
  });
}
