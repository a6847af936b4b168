import { GATE_IDS, type GateId } from './gate-ids.js';

const KNOWN: ReadonlySet<string> = new Set(GATE_IDS);

/** True when `id` is a built-in gate of gates.yaml (custom gates of a workspace are not). */
export function isGateId(id: string): id is GateId {
  return KNOWN.has(id);
}

/**
 * Names gates in a table of checks or rules: the argument is typed `GateId`, so a misspelled or removed gate
 * is a compile error where it is written (`gateIds({ runbooks: 'obs.runbooks' })`).
 */
export function gateIds<const T extends Record<string, GateId>>(table: T): T {
  return table;
}
