import { header, type Exchange } from './http.js';
import type { JsonSchema, Operation } from './spec.js';
import { jsonMedia } from './spec.js';

/** Where a created resource's id is read: a JSON pointer into the create answer, then Location. */
export interface IdSource {
  pointer: string;
  /** How the pointer was found, for the plan line. */
  why: string;
}

const ID_NAMES = ['id', 'uuid', '_id', 'slug', 'key'];

function props(schema: JsonSchema | undefined): Record<string, JsonSchema> {
  if (!schema || typeof schema !== 'object') return {};
  const own = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const merged = { ...own };
  for (const part of (schema.allOf as JsonSchema[] | undefined) ?? []) Object.assign(merged, props(part));
  return merged;
}

function idMember(properties: Record<string, JsonSchema>, preferred: string): string | undefined {
  return [preferred, ...ID_NAMES].find((name) => name in properties);
}

/**
 * The id's pointer: the config's `idPointer`; else read from the create response schema (an id-like
 * member, or one inside a single-member wrapper such as `data` or the resource's singular name);
 * else `/<idField>`.
 */
export function idSource(create: Operation | undefined, idField: string, configured?: string): IdSource {
  if (configured !== undefined) return { pointer: configured, why: 'config idPointer' };
  const success = Object.entries(create?.responses ?? {}).find(([status]) => status.startsWith('2'))?.[1];
  const schema = success ? success.content[jsonMedia(success.content) ?? ''] : undefined;
  const top = props(schema);
  const direct = idMember(top, idField);
  if (direct) return { pointer: `/${direct}`, why: 'the create response schema' };
  const names = Object.keys(top);
  if (names.length === 1) {
    const inner = idMember(props(top[names[0]!]), idField);
    if (inner)
      return {
        pointer: `/${names[0]}/${inner}`,
        why: `the create response schema (wrapped in "${names[0]}")`,
      };
  }
  return { pointer: `/${idField}`, why: 'default' };
}

/** RFC 6901: the value at a JSON pointer, or undefined. */
export function atPointer(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  let node = value;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

const scalar = (v: unknown) => (typeof v === 'string' && v !== '') || typeof v === 'number';

/** The id a create answer names: at the pointer, else the Location's last segment, else a wrapper's `id`. */
export function idOf(exchange: Exchange, source: IdSource): string | undefined {
  const at = atPointer(exchange.json, source.pointer);
  if (scalar(at)) return String(at);
  const location = header(exchange, 'location');
  if (location) {
    const last = location.split(/[?#]/)[0]!.replace(/\/$/, '').split('/').pop();
    if (last) return decodeURIComponent(last);
  }
  const body = exchange.json;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const values = Object.values(body as Record<string, unknown>);
    const wrapped = values.length === 1 ? values[0] : undefined;
    for (const candidate of [body, wrapped]) {
      if (!candidate || typeof candidate !== 'object') continue;
      for (const name of ID_NAMES) {
        const v = (candidate as Record<string, unknown>)[name];
        if (scalar(v)) return String(v);
      }
    }
  }
  return undefined;
}

/** How the plan line names the id source. */
export function describeIdSource(source: IdSource): string {
  return `body ${source.pointer} (${source.why}), else the Location header's last segment`;
}
