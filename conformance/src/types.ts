import {
  CONFORMANCE_AREAS,
  type CheckStatus,
  type ConformanceArea,
  type ConformanceCleanup,
  type EvidenceRequest,
  type EvidenceResponse,
  type ExchangeEvidence,
} from '@shipshape/contracts';

// The report's vocabulary is the conformance.json contract of @shipshape/contracts (types + JSON Schema).
/** The eight areas of the suite, in report order (DESIGN.md: stable check ids are `<area>.<name>`). */
export const AREAS = CONFORMANCE_AREAS;
export type Area = ConformanceArea;
export type { CheckStatus, EvidenceRequest, EvidenceResponse };
/** One exchange as evidence: what was sent, what came back, and the curl line that reproduces it. */
export type Evidence = ExchangeEvidence;

export interface CheckResult {
  id: string;
  area: Area;
  title: string;
  status: CheckStatus;
  gate: string;
  /** `standard` (a public standard requires it) or `shipshape` (the house contract). */
  profile: 'standard' | 'shipshape';
  /** `error`: a broken contract; `warning`: a hardening hint. */
  severity: 'error' | 'warning';
  detail: string;
  evidence: Evidence | null;
  durationMs: number;
}

export interface AreaTiming {
  area: Area;
  /** Wall time from the first check of the area starting to the last one finishing. */
  wallMs: number;
  passed: number;
  failed: number;
  skipped: number;
}

/** The in-memory result of a run. `conformance.json` holds the DESIGN.md contract fields of it. */
export interface Report {
  tool: 'shipshape-conformance';
  version: string;
  target: string;
  startedAt: string;
  durationMs: number;
  summary: { passed: number; failed: number; skipped: number };
  checks: CheckResult[];
  /** The profile the run judged by. */
  profile: 'standard' | 'shipshape';
  /** What the run created, what it removed and what is left (with URLs). */
  cleanup: Cleanup;
  /** Not part of conformance.json: per-area wall time (in summary.md), the run id, the plan. */
  runId: string;
  areas: AreaTiming[];
  requests: number;
  plan: string[];
}

/** What the run created and could not remove (the conformance.json `cleanup` member). */
export type Cleanup = ConformanceCleanup;
