import { isObject } from '../deref.js';
import type { Sink } from '../rules/emit.js';

export type Obj = Record<string, unknown>;
export const obj = (v: unknown): Obj => (isObject(v) ? v : {});
export const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

/** One OpenAPI diff run: where changes go, shared-component bookkeeping and the clock for Sunset dates. */
export interface Run {
  sink: Sink;
  done: Set<string>;
  now: Date;
  /** The two whole documents (root security, components). */
  docs: [Obj, Obj];
}
