import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { JsonSchema } from './spec.js';

// ajv-formats ships CommonJS with a default export; under NodeNext the callable sits on `.default`.
type AddFormats = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ??
  (addFormatsModule as unknown as AddFormats)) as AddFormats;

export type SchemaMode = 'request' | 'response';

const MAX_DEPTH = 32;

/**
 * Validates values against OpenAPI schemas with ajv (formats on). OpenAPI 3.1 schemas are JSON
 * Schema 2020-12; 3.0 schemas are translated (`nullable`, boolean `exclusiveMinimum`) first.
 * Schemas are cloned to a bounded depth so circular `$ref`s cannot hang the compiler, and
 * `readOnly` members are dropped from request schemas, `writeOnly` ones from response schemas.
 */
export class SchemaValidator {
  private readonly ajv: Ajv;
  private readonly cache = new Map<SchemaMode, WeakMap<object, ValidateFunction | null>>([
    ['request', new WeakMap()],
    ['response', new WeakMap()],
  ]);

  constructor(readonly dialect: '3.0' | '3.1') {
    const options = { strict: false, allErrors: true, validateFormats: true, logger: false as const };
    this.ajv = dialect === '3.1' ? new Ajv2020(options) : new Ajv(options);
    addFormats(this.ajv);
  }

  /** Error lines (`/path must be …`), an empty list when valid, or null when the schema cannot compile. */
  validate(schema: JsonSchema, value: unknown, mode: SchemaMode): string[] | null {
    const cache = this.cache.get(mode)!;
    let fn = cache.get(schema);
    if (fn === undefined) {
      try {
        fn = this.ajv.compile(prepare(schema, this.dialect, mode, 0, new Map()) as object);
      } catch {
        fn = null;
      }
      cache.set(schema, fn);
    }
    if (!fn) return null;
    if (fn(value)) return [];
    return (fn.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
  }
}

function prepare(
  node: unknown,
  dialect: '3.0' | '3.1',
  mode: SchemaMode,
  depth: number,
  seen: Map<object, number>,
): unknown {
  if (Array.isArray(node)) return node.map((item) => prepare(item, dialect, mode, depth + 1, seen));
  if (!node || typeof node !== 'object') return node;
  // A schema that contains itself (a dereferenced circular $ref) is cut where it recurs: the inner
  // occurrence accepts anything, so the outer levels are still validated.
  if (depth > MAX_DEPTH || (seen.get(node) ?? 0) > 0) return {};
  seen.set(node, (seen.get(node) ?? 0) + 1);
  try {
    return prepareObject(node as Record<string, unknown>, dialect, mode, depth, seen);
  } finally {
    seen.set(node, seen.get(node)! - 1);
  }
}

function prepareObject(
  source: Record<string, unknown>,
  dialect: '3.0' | '3.1',
  mode: SchemaMode,
  depth: number,
  seen: Map<object, number>,
): unknown {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'example' || key === 'examples' || key === 'xml' || key === 'discriminator') continue;
    if (key === 'properties' && value && typeof value === 'object') {
      const props: Record<string, unknown> = {};
      for (const [name, prop] of Object.entries(value as Record<string, Record<string, unknown>>)) {
        if (mode === 'request' && prop?.readOnly === true) continue;
        if (mode === 'response' && prop?.writeOnly === true) continue;
        props[name] = prepare(prop, dialect, mode, depth + 1, seen);
      }
      out.properties = props;
      continue;
    }
    out[key] = prepare(value, dialect, mode, depth + 1, seen);
  }
  if (Array.isArray(out.required) && out.properties) {
    const dropped = Object.entries(source.properties as Record<string, Record<string, unknown>>)
      .filter(
        ([, p]) =>
          (mode === 'request' && p?.readOnly === true) || (mode === 'response' && p?.writeOnly === true),
      )
      .map(([name]) => name);
    out.required = (out.required as string[]).filter((name) => !dropped.includes(name));
  }
  if (dialect === '3.0') {
    if (out.nullable === true) {
      delete out.nullable;
      return { anyOf: [out, { type: 'null' }] };
    }
    if (out.exclusiveMinimum === true && typeof out.minimum === 'number') {
      out.exclusiveMinimum = out.minimum;
      delete out.minimum;
    } else if (out.exclusiveMinimum === false) delete out.exclusiveMinimum;
    if (out.exclusiveMaximum === true && typeof out.maximum === 'number') {
      out.exclusiveMaximum = out.maximum;
      delete out.maximum;
    } else if (out.exclusiveMaximum === false) delete out.exclusiveMaximum;
  }
  return out;
}
