import { schemaChange, sub, type Ctx, type Where } from './context.js';
import { LOWER, UPPER, enumOf, formatWidens, limitsOf, type Schema } from './normalize.js';

const key = (v: unknown) => JSON.stringify(v);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** `enum` / `const`: values removed narrow, values added widen. */
export function diffEnum(a: Schema, b: Schema, at: Where, ctx: Ctx): void {
  const [ea, eb] = [enumOf(a), enumOf(b)];
  if (!ea && !eb) return;
  const where = sub(at, eb && 'const' in b ? 'const' : 'enum');
  if (ea && !eb) return schemaChange(ctx, 'enum-widened', at, 'enum removed: any value allowed');
  if (!ea && eb) return schemaChange(ctx, 'enum-narrowed', where, `enum added: ${eb.map(key).join(', ')}`);
  const [sa, sb] = [new Set(ea!.map(key)), new Set(eb!.map(key))];
  const removed = ea!.filter((v) => !sb.has(key(v)));
  const added = eb!.filter((v) => !sa.has(key(v)));
  if (removed.length > 0)
    schemaChange(ctx, 'enum-narrowed', where, `enum value(s) ${removed.map(key).join(', ')} removed`);
  if (added.length > 0)
    schemaChange(ctx, 'enum-widened', where, `enum value(s) ${added.map(key).join(', ')} added`);
}

/**
 * True when the new schema lists its values (`enum` / `const`) and every one of them met the old
 * schema's limits and pattern: a relaxed or dropped limit then lets nothing new through.
 */
export function valuesWithinOld(a: Schema, b: Schema): boolean {
  const values = enumOf(b);
  if (!values) return false;
  const l = limitsOf(a);
  const pattern = str(a.pattern);
  return values.every((v) => {
    if (typeof v === 'string') {
      const n = [...v].length;
      if ((l.maxLength !== undefined && n > l.maxLength) || (l.minLength !== undefined && n < l.minLength))
        return false;
      try {
        return pattern === undefined || new RegExp(pattern, 'u').test(v);
      } catch {
        return false;
      }
    }
    if (typeof v === 'number')
      return !(
        (l.maximum !== undefined && v > l.maximum) ||
        (l.minimum !== undefined && v < l.minimum) ||
        (l.exclusiveMaximum !== undefined && v >= l.exclusiveMaximum) ||
        (l.exclusiveMinimum !== undefined && v <= l.exclusiveMinimum)
      );
    return true;
  });
}

/** Numeric limits, both directions: lowering an upper limit or raising a lower one narrows. */
export function diffLimits(a: Schema, b: Schema, at: Where, ctx: Ctx): void {
  const [la, lb] = [limitsOf(a), limitsOf(b)];
  const moot = valuesWithinOld(a, b);
  for (const [keys, tighter] of [
    [UPPER, (x: number, y: number) => y < x],
    [LOWER, (x: number, y: number) => y > x],
  ] as const) {
    for (const k of keys) {
      const [x, y] = [la[k], lb[k]];
      if (x === y) continue;
      const where = sub(at, k);
      if (y !== undefined && (x === undefined || tighter(x, y)))
        schemaChange(ctx, 'limit-narrowed', where, `${k} ${x === undefined ? 'added, ' : `${x} → `}${y}`);
      else if (x !== undefined && !moot)
        schemaChange(
          ctx,
          'limit-widened',
          where,
          y === undefined ? `${k} ${x} removed` : `${k} ${x} → ${y}`,
          y === undefined,
        );
    }
  }
}

/** `uniqueItems` and `multipleOf`: fewer values accepted is a narrowing, more a widening. */
export function diffValueRules(a: Schema, b: Schema, at: Where, ctx: Ctx): void {
  const [ua, ub] = [a.uniqueItems === true, b.uniqueItems === true];
  if (ua !== ub)
    schemaChange(
      ctx,
      ub ? 'limit-narrowed' : 'limit-widened',
      sub(at, 'uniqueItems'),
      `uniqueItems ${ub ? 'added' : 'removed'}`,
      !ub,
    );
  const [ma, mb] = [a.multipleOf, b.multipleOf];
  if (ma === mb) return;
  const where = sub(at, 'multipleOf');
  const divides = (x: number, y: number) => Number.isInteger(y / x);
  if (typeof mb === 'number' && (typeof ma !== 'number' || !divides(mb, ma)))
    schemaChange(
      ctx,
      'limit-narrowed',
      where,
      `multipleOf ${typeof ma === 'number' ? `${ma} → ` : 'added, '}${mb}`,
    );
  else if (typeof ma === 'number')
    schemaChange(
      ctx,
      'limit-widened',
      where,
      typeof mb === 'number' ? `multipleOf ${ma} → ${mb}` : `multipleOf ${ma} removed`,
      typeof mb !== 'number',
    );
}

export function diffPattern(a: Schema, b: Schema, at: Where, ctx: Ctx): void {
  const [x, y] = [str(a.pattern), str(b.pattern)];
  if (x === y) return;
  const where = sub(at, 'pattern');
  if (x === undefined) schemaChange(ctx, 'pattern-added', where, `pattern ${y} added`);
  else if (y === undefined) {
    if (!valuesWithinOld(a, b)) schemaChange(ctx, 'pattern-removed', where, `pattern ${x} removed`, true);
  } else schemaChange(ctx, 'pattern-changed', where, `pattern ${x} → ${y}`);
}

export function diffFormat(a: Schema, b: Schema, at: Where, ctx: Ctx): void {
  const [x, y] = [str(a.format), str(b.format)];
  if (x === y) return;
  const where = sub(at, 'format');
  if (x === undefined) schemaChange(ctx, 'format-added', where, `format ${y} added`);
  else if (y === undefined) schemaChange(ctx, 'format-removed', where, `format ${x} removed`, true);
  else if (formatWidens(x, y)) schemaChange(ctx, 'format-widened', where, `format ${x} → ${y} (wider)`);
  else if (formatWidens(y, x)) schemaChange(ctx, 'format-narrowed', where, `format ${x} → ${y} (narrower)`);
  else schemaChange(ctx, 'format-changed', where, `format ${x} → ${y}`);
}

export function diffDefault(a: Schema, b: Schema, at: Where, ctx: Ctx): void {
  const [hx, hy] = ['default' in a, 'default' in b];
  if (!hx && !hy) return;
  if (hx && hy && key(a.default) === key(b.default)) return;
  const where = sub(at, 'default');
  if (!hx) schemaChange(ctx, 'default-added', where, `default ${key(b.default)} added`);
  else if (!hy) schemaChange(ctx, 'default-removed', where, `default ${key(a.default)} removed`, true);
  else schemaChange(ctx, 'default-changed', where, `default ${key(a.default)} → ${key(b.default)}`);
}
