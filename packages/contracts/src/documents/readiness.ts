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
  /** False when a person attested that the gate does not apply. */
  applies: boolean;
  title?: string;
  /** What the status alone does not say: NOT_APPLICABLE, UNKNOWN (could not evaluate), UNVERIFIED_EVIDENCE. */
  reasonCode?: 'NOT_APPLICABLE' | 'UNKNOWN' | 'UNVERIFIED_EVIDENCE' | null;
  /** The gate accepts an attestation (attested gates, and automated ones the catalog marks). */
  attestable?: boolean;
  /** `--check` blocks on this gate when it is AMBER, not only when it is RED. */
  blocking?: boolean;
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
  /** Who produced the verdict from what: the tool, the commit, the hash of the service's files and of the catalog. */
  provenance?: {
    tool: string;
    version: string;
    commit?: string;
    inputsHash: string;
    catalogHash: string;
  };
}
