import { isObject, originOf } from './deref.js';
import { ptr } from './pointer.js';
import type { Change, ChangeClass } from './types.js';

/**
 * Which way data flows through a schema. `input`: the client sends it and the service must keep
 * accepting whatever it accepted (narrowing breaks). `output`: the service sends it and clients rely
 * on what it promised (removing or widening breaks).
 */
export type Direction = 'input' | 'output';

/** Rule suffixes and their class, per direction; a rule id is `<prefix>-<suffix>`. */
export const SCHEMA_RULES = {
  input: {
    'type-changed': 'breaking',
    'type-widened': 'non-breaking',
    'enum-narrowed': 'breaking',
    'enum-widened': 'non-breaking',
    'limit-narrowed': 'breaking',
    'limit-widened': 'non-breaking',
    'pattern-changed': 'breaking',
    'pattern-removed': 'non-breaking',
    'property-added-required': 'breaking',
    'property-added': 'non-breaking',
    'property-removed': 'breaking',
    'property-ignored': 'non-breaking',
    'property-became-required': 'breaking',
    'property-became-optional': 'non-breaking',
    closed: 'breaking',
    opened: 'non-breaking',
    'variant-removed': 'breaking',
    'variant-added': 'non-breaking',
  },
  output: {
    'type-changed': 'breaking',
    'type-narrowed': 'non-breaking',
    'enum-widened': 'breaking',
    'enum-narrowed': 'non-breaking',
    'property-removed': 'breaking',
    'property-added': 'non-breaking',
    'property-became-optional': 'breaking',
    'property-became-required': 'non-breaking',
    'variant-added': 'breaking',
    'variant-removed': 'non-breaking',
  },
} as const satisfies Record<Direction, Record<string, ChangeClass>>;

type Schema = Record<string, unknown>;

interface Ctx {
  direction: Direction;
  prefix: string;
  out: Change[];
  /** `direction prefix pointer` of shared schemas already compared in this run. */
  done: Set<string>;
}

function emit(ctx: Ctx, suffix: string, pointer: string, message: string): void {
  const table = SCHEMA_RULES[ctx.direction] as Record<string, ChangeClass>;
  const cls = table[suffix];
  if (!cls) throw new Error(`no ${ctx.direction} rule ${suffix}`);
  ctx.out.push({ rule: `${ctx.prefix}-${suffix}`, class: cls, pointer, message });
}

/** Declared types; `integer` is a subset of `number`. No `type` but properties means object. */
function typesOf(s: Schema): Set<string> {
  const t = s.type;
  const types = new Set(
    typeof t === 'string' ? [t] : Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : [],
  );
  if (types.size === 0 && isObject(s.properties)) types.add('object');
  return types;
}
const covers = (wide: Set<string>, narrow: Set<string>) =>
  [...narrow].every((t) => wide.has(t) || (t === 'integer' && wide.has('number')));

function enumOf(s: Schema): unknown[] | undefined {
  if ('const' in s) return [s.const];
  return Array.isArray(s.enum) ? s.enum : undefined;
}
const key = (v: unknown) => JSON.stringify(v);

/** JSON with sorted keys, so two equal schemas written in another key order compare equal. */
function canonical(value: unknown, seen = new Set<unknown>()): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v, seen)).join(',')}]`;
  if (!isObject(value)) return JSON.stringify(value) ?? 'null';
  if (seen.has(value)) return '"<cycle>"';
  seen.add(value);
  const body = Object.keys(value)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(value[k], seen)}`)
    .join(',');
  seen.delete(value);
  return `{${body}}`;
}

/** Properties and required names, flattening `allOf` (how schemas are usually extended). */
function shape(s: Schema): { props: Map<string, Schema>; required: Set<string>; closed: boolean } {
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

const UPPER = ['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems', 'maxProperties'] as const;
const LOWER = ['minLength', 'minimum', 'exclusiveMinimum', 'minItems', 'minProperties'] as const;

function diffLimits(a: Schema, b: Schema, at: string, ctx: Ctx): void {
  for (const k of UPPER) {
    const [x, y] = [a[k], b[k]];
    if (x === y) continue;
    if (typeof y === 'number' && (typeof x !== 'number' || y < x)) {
      emit(
        ctx,
        'limit-narrowed',
        ptr(at, k),
        `${k} ${typeof x === 'number' ? `lowered from ${x} ` : 'added, '}to ${y}`,
      );
    } else if (typeof x === 'number' && (typeof y !== 'number' || y > x)) {
      emit(
        ctx,
        'limit-widened',
        ptr(at, k),
        typeof y === 'number' ? `${k} raised from ${x} to ${y}` : `${k} ${x} removed`,
      );
    }
  }
  for (const k of LOWER) {
    const [x, y] = [a[k], b[k]];
    if (x === y) continue;
    if (typeof y === 'number' && (typeof x !== 'number' || y > x)) {
      emit(
        ctx,
        'limit-narrowed',
        ptr(at, k),
        `${k} ${typeof x === 'number' ? `raised from ${x} ` : 'added, '}to ${y}`,
      );
    } else if (typeof x === 'number' && (typeof y !== 'number' || y < x)) {
      emit(
        ctx,
        'limit-widened',
        ptr(at, k),
        typeof y === 'number' ? `${k} lowered from ${x} to ${y}` : `${k} ${x} removed`,
      );
    }
  }
  if (a.pattern !== b.pattern) {
    if (typeof b.pattern === 'string') {
      emit(
        ctx,
        'pattern-changed',
        ptr(at, 'pattern'),
        `pattern ${typeof a.pattern === 'string' ? `changed from ${a.pattern} ` : 'added, '}to ${b.pattern}`,
      );
    } else {
      emit(ctx, 'pattern-removed', ptr(at, 'pattern'), `pattern ${String(a.pattern)} removed`);
    }
  }
}

/**
 * Compares two (dereferenced) JSON Schemas in one direction and appends the changes. `at` is the
 * JSON pointer of the schema; `prefix` names where it sits (`request`, `response`, `event`...).
 */
export function diffSchema(
  a: unknown,
  b: unknown,
  at: string,
  direction: Direction,
  prefix: string,
  out: Change[],
  done: Set<string> = new Set(),
): void {
  diffAt(a, b, at, { direction, prefix, out, done });
}

function diffAt(a: unknown, b: unknown, here: string, ctx: Ctx): void {
  if (!isObject(a) || !isObject(b)) return;
  // A shared component is compared once per direction, and reported where it is written.
  const at = originOf(b) ?? here;
  const doneKey = `${ctx.direction} ${ctx.prefix} ${at}`;
  if (ctx.done.has(doneKey)) return;
  ctx.done.add(doneKey);
  const input = ctx.direction === 'input';

  const [ta, tb] = [typesOf(a), typesOf(b)];
  if (ta.size > 0 && tb.size > 0 && !(covers(ta, tb) && covers(tb, ta))) {
    const desc = `type ${[...ta].join('|')} → ${[...tb].join('|')}`;
    if (input && covers(tb, ta)) emit(ctx, 'type-widened', ptr(at, 'type'), desc);
    else if (!input && covers(ta, tb)) emit(ctx, 'type-narrowed', ptr(at, 'type'), desc);
    else {
      emit(ctx, 'type-changed', ptr(at, 'type'), desc);
      return; // the rest compares unrelated shapes
    }
  }

  const [ea, eb] = [enumOf(a), enumOf(b)];
  if (ea || eb) {
    const sa = new Set((ea ?? []).map(key));
    const sb = new Set((eb ?? []).map(key));
    const removed = ea && eb ? ea.filter((v) => !sb.has(key(v))) : [];
    const added = ea && eb ? eb.filter((v) => !sa.has(key(v))) : [];
    const where = ptr(at, eb && 'const' in b ? 'const' : 'enum');
    if (ea && !eb) emit(ctx, 'enum-widened', ptr(at), 'enum removed: any value allowed');
    else if (!ea && eb) emit(ctx, 'enum-narrowed', where, `enum added: ${eb.map(key).join(', ')}`);
    if (removed.length > 0)
      emit(ctx, 'enum-narrowed', where, `enum value(s) ${removed.map(key).join(', ')} removed`);
    if (added.length > 0)
      emit(ctx, 'enum-widened', where, `enum value(s) ${added.map(key).join(', ')} added`);
  }

  if (input) diffLimits(a, b, at, ctx);

  const [A, B] = [shape(a), shape(b)];
  if (input && A.closed !== B.closed && (A.props.size > 0 || B.props.size > 0 || A.closed || B.closed)) {
    if (B.closed)
      emit(
        ctx,
        'closed',
        ptr(at),
        'object closed (additionalProperties: false): unknown members are now rejected',
      );
    else emit(ctx, 'opened', ptr(at), 'object opened: unknown members are now accepted');
  }
  for (const [name, sb] of B.props) {
    const p = ptr(at, 'properties', name);
    const sa = A.props.get(name);
    if (!sa) {
      if (input && B.required.has(name))
        emit(ctx, 'property-added-required', p, `new required property ${name}`);
      else emit(ctx, 'property-added', p, `new property ${name}`);
      continue;
    }
    const [ra, rb] = [A.required.has(name), B.required.has(name)];
    if (!ra && rb) emit(ctx, 'property-became-required', p, `property ${name} became required`);
    if (ra && !rb) emit(ctx, 'property-became-optional', p, `property ${name} became optional`);
    diffAt(sa, sb, p, ctx);
  }
  for (const name of A.props.keys()) {
    if (B.props.has(name)) continue;
    const p = ptr(at, 'properties', name);
    if (!input) emit(ctx, 'property-removed', p, `property ${name} removed`);
    else if (B.closed)
      emit(
        ctx,
        'property-removed',
        p,
        `property ${name} removed from a closed object: clients sending it are rejected`,
      );
    else emit(ctx, 'property-ignored', p, `property ${name} removed (the open object still accepts it)`);
  }

  // oneOf / anyOf alternatives, matched by content: an alternative that changed shows as one
  // removed and one added (comparing alternatives member by member would need a matching heuristic).
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const [va, vb] = [a[keyword], b[keyword]];
    if (!Array.isArray(va) && !Array.isArray(vb)) continue;
    const [la, lb] = [Array.isArray(va) ? va : [], Array.isArray(vb) ? vb : []];
    const [ka, kb] = [la.map((v) => canonical(v)), lb.map((v) => canonical(v))];
    ka.forEach((k, i) => {
      if (!kb.includes(k))
        emit(ctx, 'variant-removed', ptr(at, keyword, i), `${keyword} alternative ${i} removed`);
    });
    kb.forEach((k, i) => {
      if (!ka.includes(k))
        emit(ctx, 'variant-added', ptr(at, keyword, i), `${keyword} alternative ${i} added`);
    });
  }

  if (isObject(a.items) && isObject(b.items)) diffAt(a.items, b.items, ptr(at, 'items'), ctx);
  if (isObject(a.additionalProperties) && isObject(b.additionalProperties)) {
    diffAt(a.additionalProperties, b.additionalProperties, ptr(at, 'additionalProperties'), ctx);
  }
}
