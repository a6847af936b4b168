import { ptr } from '../pointer.js';
import { emit, schemaInfo, type Sink } from '../rules/emit.js';
import { SCHEMA_RULES, type Direction } from '../rules/schema-rules.js';

/** A pointer pair: where a value sits in the old and in the new document. */
export type Where = [string, string];
export const sub = ([a, b]: Where, ...tokens: (string | number)[]): Where => [
  ptr(a, ...tokens),
  ptr(b, ...tokens),
];

export interface Ctx {
  sink: Sink;
  direction: Direction;
  prefix: string;
  /** `direction prefix pointers` of shared schemas already compared in this run. */
  done: Set<string>;
}

/** Records a schema change `<prefix>-<suffix>`; the suffix must exist for the direction. */
export function schemaChange(ctx: Ctx, suffix: string, where: Where, message: string, removed = false): void {
  if (!SCHEMA_RULES[ctx.direction][suffix]) throw new Error(`no ${ctx.direction} rule ${suffix}`);
  const change = emit(ctx.sink, `${ctx.prefix}-${suffix}`, where, message, removed);
  schemaInfo.set(change, { direction: ctx.direction, suffix });
}
