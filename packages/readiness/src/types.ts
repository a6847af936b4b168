import type { GateStatus, LevelId } from '@shipshape/contracts';

export { LEVEL_IDS, type GateStatus, type LevelId } from '@shipshape/contracts';

/** One piece of evidence behind a verdict: where it was read and what it showed. */
export interface Evidence {
  /** `file` (an artifact of the service), `lint`, `conformance`, `report` (load / scan reports), `attestation`. */
  kind: 'file' | 'lint' | 'conformance' | 'report' | 'attestation';
  /** Path relative to the service folder (or a check id / report path). */
  ref: string;
  detail?: string;
}

/**
 * Why a gate carries its status when the status alone would say too much: NOT_APPLICABLE (a person attested that
 * it does not apply; counts toward the level, never shown as a pass), UNKNOWN (it could not be evaluated),
 * UNVERIFIED_EVIDENCE (a report exists but does not prove it is about this service, commit and inputs).
 */
export type ReasonCode = 'NOT_APPLICABLE' | 'UNKNOWN' | 'UNVERIFIED_EVIDENCE';

/** What one evaluator says about one gate. */
export interface Verdict {
  status: GateStatus;
  reason: string;
  evidence: Evidence[];
  code?: ReasonCode;
}

export interface GateResult extends Verdict {
  id: string;
  group: string;
  title: string;
  level: LevelId;
  judged: 'automated' | 'attested';
  attestable: boolean;
  blocking: boolean;
  /** False when the service declared that the gate does not apply (front matter or attestation). */
  applies: boolean;
}

export interface ReadinessResult {
  service: string;
  serviceDir: string;
  /** The highest level whose gates (and all lower levels' gates) are GREEN; null when L0 is not met. */
  level: LevelId | null;
  target: LevelId;
  /** Where the target came from: readiness.yaml or the tier. */
  targetSource: string;
  evaluatedAt: string;
  summary: Record<GateStatus, number>;
  /** Gates below or at the target that are not GREEN, in catalog order. */
  blocking: string[];
  gates: GateResult[];
  /** What this verdict judged: the commit checked out, the hash of the service's files and of the gate catalog. */
  provenance: { commit?: string; inputsHash: string; catalogHash: string };
  /** Problems with inputs that did not stop the run (an attestation for an unknown gate, ...). */
  warnings: string[];
}
