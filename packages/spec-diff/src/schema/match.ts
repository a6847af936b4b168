import { isObject, originOf } from '../deref.js';
import { canonical, enumOf, shape, typesOf, type Schema } from './normalize.js';

/**
 * Pairs the `oneOf` / `anyOf` alternatives of two versions, so a changed alternative is compared
 * member by member instead of showing as "one removed + one added". Identity first (same content,
 * same `$ref` target, discriminator value, `title`, `const`), then the best structural match among
 * what is left (same type and mostly the same property names / enum values). Hand-written: no
 * library matches JSON Schema alternatives across versions.
 */
export function matchAlternatives(
  la: unknown[],
  lb: unknown[],
  parents: [Schema, Schema],
): { pairs: [number, number][]; removed: number[]; added: number[] } {
  const pairs: [number, number][] = [];
  const freeA = new Set(la.keys());
  const freeB = new Set(lb.keys());
  const pair = (i: number, j: number) => {
    pairs.push([i, j]);
    freeA.delete(i);
    freeB.delete(j);
  };
  const byKey = (keyOf: (v: unknown, side: 0 | 1) => string | undefined) => {
    const index = new Map<string, number>();
    for (const j of freeB) {
      const k = keyOf(lb[j], 1);
      if (k !== undefined && !index.has(k)) index.set(k, j);
    }
    for (const i of [...freeA]) {
      const k = keyOf(la[i], 0);
      const j = k === undefined ? undefined : index.get(k);
      if (j !== undefined && freeB.has(j)) pair(i, j);
    }
  };
  byKey((v) => canonical(v));
  byKey((v) => originOf(v));
  byKey((v, side) => discriminatorValue(v, parents[side]));
  byKey((v) => (isObject(v) && typeof v.title === 'string' ? `title ${v.title}` : undefined));
  byKey((v) => (isObject(v) && 'const' in v ? `const ${JSON.stringify(v.const)}` : undefined));
  // Best structural match among the rest, greedily by score.
  const scored: [number, number, number][] = [];
  for (const i of freeA) for (const j of freeB) scored.push([similarity(la[i], lb[j]), i, j]);
  scored.sort((x, y) => y[0] - x[0]);
  for (const [score, i, j] of scored) if (score >= 0.5 && freeA.has(i) && freeB.has(j)) pair(i, j);
  return { pairs, removed: [...freeA], added: [...freeB] };
}

/** The discriminator value an alternative stands for, from `mapping` or its `const` property. */
function discriminatorValue(alt: unknown, parent: Schema): string | undefined {
  const d = parent.discriminator;
  if (!isObject(d) || typeof d.propertyName !== 'string' || !isObject(alt)) return undefined;
  const origin = originOf(alt);
  if (origin && isObject(d.mapping)) {
    for (const [value, ref] of Object.entries(d.mapping))
      // a mapping value is a reference (`#/components/schemas/Card`) or a bare schema name (`Card`)
      if (typeof ref === 'string' && (ref.endsWith(origin) || origin.endsWith(`/${ref}`)))
        return `disc ${value}`;
  }
  const prop = shape(alt).props.get(d.propertyName);
  const values = prop ? enumOf(prop) : undefined;
  return values?.length === 1 ? `disc ${JSON.stringify(values[0])}` : undefined;
}

function similarity(x: unknown, y: unknown): number {
  if (!isObject(x) || !isObject(y)) return 0;
  const [tx, ty] = [typesOf(x), typesOf(y)];
  if (tx.size > 0 && ty.size > 0 && ![...tx].some((t) => ty.has(t))) return 0;
  const [px, py] = [shape(x).props, shape(y).props];
  const [ex, ey] = [enumOf(x), enumOf(y)];
  if (ex && ey)
    return (
      jaccard(
        ex.map((v) => JSON.stringify(v)),
        ey.map((v) => JSON.stringify(v)),
      ) *
        0.5 +
      0.5
    );
  if (px.size + py.size > 0) return jaccard([...px.keys()], [...py.keys()]);
  return 0.5; // same scalar type, no members to tell them apart
}

function jaccard(a: string[], b: string[]): number {
  const sb = new Set(b);
  const common = a.filter((k) => sb.has(k)).length;
  const union = new Set([...a, ...b]).size;
  return union === 0 ? 0 : common / union;
}
