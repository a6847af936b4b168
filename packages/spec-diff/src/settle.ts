import { schemaInfo } from './rules/emit.js';
import type { Change, ChangeClass } from './types.js';

/** A per-service downgrade of a rule (from the service's shipshape.yaml), always with a reason. */
export interface Downgrade {
  rule: string;
  to: Exclude<ChangeClass, 'breaking'>;
  reason: string;
  /** Only changes at (or under) this JSON pointer; every change of the rule when absent. */
  pointer?: string;
}

const RANK: Record<ChangeClass, number> = { info: 0, warning: 1, breaking: 2 };

/** Applies downgrades: a change of the rule (under the pointer) drops to the given class, with the reason. */
export function applyDowngrades(changes: Change[], downgrades: readonly Downgrade[]): void {
  for (const change of changes) {
    const d = downgrades.find(
      (x) =>
        x.rule === change.rule &&
        (x.pointer === undefined ||
          change.pointer === x.pointer ||
          change.pointer.startsWith(x.pointer + '/')),
    );
    if (!d || RANK[d.to] >= RANK[change.class]) continue;
    change.downgraded = { from: change.class, reason: d.reason };
    change.class = d.to;
  }
}

/** Suffixes that name the same fact seen from the two directions. */
const FAMILY: Record<string, string> = {
  'property-ignored': 'property-removed',
  'property-added-required': 'property-added',
  'type-widened': 'type-changed',
  'type-narrowed': 'type-changed',
};

/**
 * A schema used both ways (a shared component in a request and a response, a message sent and
 * received) is compared in both directions; for one fact at one place the stricter verdict wins and
 * is reported once.
 */
export function strictestPerPlace(changes: Change[]): Change[] {
  const keyOf = (c: Change) => {
    const info = schemaInfo.get(c);
    return info ? `${c.before} ${c.after} ${FAMILY[info.suffix] ?? info.suffix}` : undefined;
  };
  const best = new Map<string, Change>();
  for (const c of changes) {
    const key = keyOf(c);
    if (key === undefined) continue;
    const seen = best.get(key);
    if (!seen || RANK[c.class] > RANK[seen.class]) best.set(key, c);
  }
  return changes.filter((c) => {
    const key = keyOf(c);
    return key === undefined || best.get(key) === c;
  });
}
