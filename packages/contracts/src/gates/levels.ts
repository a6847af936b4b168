/** The three states of a gate (DESIGN.md "Readiness — CLI contract"). */
export type GateStatus = 'GREEN' | 'AMBER' | 'RED';
export const GATE_STATUSES: readonly GateStatus[] = ['GREEN', 'AMBER', 'RED'];

/** Readiness levels, lowest first (seed 000, section 1). */
export type LevelId = 'L0' | 'L1' | 'L2' | 'L3' | 'L4' | 'L5';
export const LEVEL_IDS: readonly LevelId[] = ['L0', 'L1', 'L2', 'L3', 'L4', 'L5'];

/** How a gate is judged: from artifacts (automated) or by a person's attestation. */
export type Judged = 'automated' | 'attested';
