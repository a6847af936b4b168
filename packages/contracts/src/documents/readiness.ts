import type { GateStatus, Judged, LevelId } from '../gates/levels.js';

/** One piece of evidence behind a verdict: where it was read and what it showed. */
export interface GateEvidenceRef {
  /** `file` (an artifact of the service), `lint`, `conformance`, `report` (load / scan reports), `attestation`. */
  kind: 'file' | 'lint' | 'conformance' | 'report' | 'attestation';
  /** Path relative to the service folder (or a check id / report path). */
  ref: string;
  detail?: string;
}

/** One gate of `shipshape readiness --format json`. */
export interface ReadinessGateJson {
  id: string;
  group: string;
  status: GateStatus;
  reason: string;
  evidence: GateEvidenceRef[];
  level: LevelId;
  judged: Judged;
  /** False when the service declared that the gate does not apply. */
  applies: boolean;
}

/** The DESIGN.md contract of `shipshape readiness --format json`. */
export interface ReadinessJson {
  service: string;
  /** The highest level met; null when L0 is not met. */
  level: LevelId | null;
  target: LevelId;
  evaluatedAt: string;
  summary: Record<GateStatus, number>;
  /** Gates at or below the target that are not GREEN, in catalog order. */
  blocking: string[];
  gates: ReadinessGateJson[];
  /** Problems with inputs that did not stop the run. */
  warnings: string[];
}
