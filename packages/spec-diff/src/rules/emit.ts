import type { Change, SpecKind } from '../types.js';
import { ruleOf } from './catalog.js';
import type { Direction } from './schema-rules.js';

/** Where changes of one diff run go. */
export interface Sink {
  kind: SpecKind;
  out: Change[];
}

/** The direction and rule suffix of schema changes, for "the stricter direction wins" (see settle.ts). */
export const schemaInfo = new WeakMap<Change, { direction: Direction; suffix: string }>();

/**
 * Records a change of rule `id`. `before` / `after` are its pointers in the old and new document;
 * `removed` says the changed value exists only in the old one (then `pointer` is `before`).
 */
export function emit(
  sink: Sink,
  id: string,
  [before, after]: [string, string],
  message: string,
  removed = false,
): Change {
  const rule = ruleOf(sink.kind, id);
  if (!rule) throw new Error(`no ${sink.kind} rule ${id}`);
  const change: Change = {
    rule: id,
    class: rule.class,
    pointer: removed ? before : after,
    before,
    after,
    message,
  };
  sink.out.push(change);
  return change;
}
