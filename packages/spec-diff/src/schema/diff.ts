import { isObject, originOf } from '../deref.js';
import type { Sink } from '../rules/emit.js';
import type { Direction } from '../rules/schema-rules.js';
import { schemaChange, sub, type Ctx, type Where } from './context.js';
import { diffDefault, diffEnum, diffFormat, diffLimits, diffPattern, diffValueRules } from './keywords.js';
import { matchAlternatives } from './match.js';
import { covers, shape, typesOf, type Schema } from './normalize.js';

/**
 * Compares two (dereferenced) JSON Schemas in one direction and records the changes. `at` is the
 * pointer pair of the schema; `prefix` names where it sits (`request`, `response`, `event`...).
 */
export function diffSchema(
  a: unknown,
  b: unknown,
  at: Where,
  direction: Direction,
  prefix: string,
  sink: Sink,
  done: Set<string>,
): void {
  diffAt(a, b, at, { sink, direction, prefix, done });
}

function diffType(a: Schema, b: Schema, at: Where, ctx: Ctx): boolean {
  const input = ctx.direction === 'input';
  const [ta, tb] = [typesOf(a), typesOf(b)];
  const [na, nb] = [ta.has('null'), tb.has('null')];
  ta.delete('null');
  tb.delete('null');
  if (ta.size > 0 && tb.size > 0 && !(covers(ta, tb) && covers(tb, ta))) {
    const desc = `type ${[...ta].join('|')} → ${[...tb].join('|')}`;
    if (input && covers(tb, ta)) schemaChange(ctx, 'type-widened', sub(at, 'type'), desc);
    else if (!input && covers(ta, tb)) schemaChange(ctx, 'type-narrowed', sub(at, 'type'), desc);
    else {
      schemaChange(ctx, 'type-changed', sub(at, 'type'), desc);
      return false; // the rest compares unrelated shapes
    }
  }
  // A bare schema (no type, no composition, no enum) accepts any value: dropping `type` widens it.
  const bare = (s: Schema) =>
    !['oneOf', 'anyOf', 'allOf', 'enum', 'const', 'not', '$ref'].some((k) => k in s);
  if ((ta.size === 0) !== (tb.size === 0) && bare(a) && bare(b)) {
    const [from, to] = [[...ta].join('|') || 'any', [...tb].join('|') || 'any'];
    const desc = `type ${from} → ${to}`;
    if (tb.size === 0) schemaChange(ctx, input ? 'type-widened' : 'type-changed', sub(at, 'type'), desc);
    else schemaChange(ctx, input ? 'type-changed' : 'type-narrowed', sub(at, 'type'), desc);
  }
  if (na !== nb && (ta.size > 0 || tb.size > 0)) {
    const where = sub(at, 'nullable' in b || 'nullable' in a ? 'nullable' : 'type');
    if (nb) schemaChange(ctx, 'became-nullable', where, 'null is now allowed');
    else schemaChange(ctx, 'became-non-nullable', where, 'null is no longer allowed');
  }
  return true;
}

/** Properties the data of this direction carries: readOnly ones are never sent, writeOnly never returned. */
function carried(s: Schema, direction: Direction) {
  const sh = shape(s);
  const skip = direction === 'input' ? 'readOnly' : 'writeOnly';
  for (const [name, prop] of sh.props) if (prop[skip] === true) sh.props.delete(name);
  return sh;
}

function diffProperties(a: Schema, b: Schema, at: Where, ctx: Ctx): void {
  const input = ctx.direction === 'input';
  const [A, B] = [carried(a, ctx.direction), carried(b, ctx.direction)];
  if (input && A.closed !== B.closed && (A.props.size > 0 || B.props.size > 0 || A.closed || B.closed)) {
    if (B.closed)
      schemaChange(
        ctx,
        'closed',
        at,
        'object closed (additionalProperties: false): unknown members are now rejected',
      );
    else schemaChange(ctx, 'opened', at, 'object opened: unknown members are now accepted');
  }
  for (const [name, sb] of B.props) {
    const p = sub(at, 'properties', name);
    const sa = A.props.get(name);
    if (!sa) {
      const added: Where = [at[0], p[1]];
      if (input && B.required.has(name))
        schemaChange(ctx, 'property-added-required', added, `new required property ${name}`);
      else schemaChange(ctx, 'property-added', added, `new property ${name}`);
      continue;
    }
    const [ra, rb] = [A.required.has(name), B.required.has(name)];
    if (!ra && rb) schemaChange(ctx, 'property-became-required', p, `property ${name} became required`);
    if (ra && !rb) schemaChange(ctx, 'property-became-optional', p, `property ${name} became optional`);
    diffAt(sa, sb, p, ctx);
  }
  for (const name of A.props.keys()) {
    if (B.props.has(name)) continue;
    const p: Where = [sub(at, 'properties', name)[0], at[1]];
    if (!input) schemaChange(ctx, 'property-removed', p, `property ${name} removed`, true);
    else if (B.closed)
      schemaChange(
        ctx,
        'property-removed',
        p,
        `property ${name} removed from a closed object: clients sending it are rejected`,
        true,
      );
    else
      schemaChange(
        ctx,
        'property-ignored',
        p,
        `property ${name} removed (the open object still accepts it, ignored)`,
        true,
      );
  }
}

function diffAlternatives(a: Schema, b: Schema, at: Where, ctx: Ctx): void {
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const [va, vb] = [a[keyword], b[keyword]];
    if (!Array.isArray(va) && !Array.isArray(vb)) continue;
    const [la, lb] = [Array.isArray(va) ? va : [], Array.isArray(vb) ? vb : []];
    const { pairs, removed, added } = matchAlternatives(la, lb, [a, b]);
    for (const i of removed)
      schemaChange(
        ctx,
        'variant-removed',
        [sub(at, keyword, i)[0], sub(at, keyword)[1]],
        `${keyword} alternative ${i} removed`,
        true,
      );
    for (const j of added)
      schemaChange(
        ctx,
        'variant-added',
        [sub(at, keyword)[0], sub(at, keyword, j)[1]],
        `${keyword} alternative ${j} added`,
      );
    for (const [i, j] of pairs) diffAt(la[i], lb[j], [sub(at, keyword, i)[0], sub(at, keyword, j)[1]], ctx);
  }
}

function diffAt(a: unknown, b: unknown, here: Where, ctx: Ctx): void {
  if (!isObject(a) || !isObject(b)) return;
  // A shared component is compared once per direction, and reported where it is written.
  const at: Where = [originOf(a) ?? here[0], originOf(b) ?? here[1]];
  const doneKey = `${ctx.direction} ${ctx.prefix} ${at[0]} ${at[1]}`;
  if (ctx.done.has(doneKey)) return;
  ctx.done.add(doneKey);
  if (!diffType(a, b, at, ctx)) return;
  diffEnum(a, b, at, ctx);
  diffFormat(a, b, at, ctx);
  diffLimits(a, b, at, ctx);
  diffValueRules(a, b, at, ctx);
  diffPattern(a, b, at, ctx);
  diffDefault(a, b, at, ctx);
  diffProperties(a, b, at, ctx);
  diffAlternatives(a, b, at, ctx);
  if (isObject(a.items) && isObject(b.items)) diffAt(a.items, b.items, sub(at, 'items'), ctx);
  if (isObject(a.additionalProperties) && isObject(b.additionalProperties))
    diffAt(a.additionalProperties, b.additionalProperties, sub(at, 'additionalProperties'), ctx);
}
