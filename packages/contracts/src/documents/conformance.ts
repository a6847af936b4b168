import type { Provenance } from './provenance.js';

/** The eight areas of the suite, in report order (DESIGN.md: stable check ids are `<area>.<name>`). */
export const CONFORMANCE_AREAS = [
  'health',
  'errors',
  'idempotency',
  'tenancy',
  'tracing',
  'versioning',
  'schema',
  'security',
] as const;
export type ConformanceArea = (typeof CONFORMANCE_AREAS)[number];

export type CheckStatus = 'pass' | 'fail' | 'skip';

/** `standard`: what public standards require (RFC 9457, RFC 9110, W3C Trace Context, the Idempotency-Key draft,
 * OWASP); `shipshape`: the house contract on top (problem `code`/`traceId`, `/api/v1`, health body, metric names). */
export type ConformanceProfile = 'standard' | 'shipshape';

/** `error`: a broken contract; `warning`: a hardening hint. */
export type CheckSeverity = 'error' | 'warning';

/** What the run created on the target and what it could not remove again. */
export interface ConformanceCleanup {
  created: number;
  deleted: number;
  /** Every resource the run could not remove, with its URL and why. */
  leftover: Array<{ id: string; url: string; tenant: string; reason: string }>;
  /** Set when the target offers no way to delete (every created resource is then left over). */
  deletionUnavailable?: string;
}

/** What was sent, with secrets masked. */
export interface EvidenceRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[]>;
  body?: string;
}

/** What came back: status, headers and a trimmed body (secret-like members masked). */
export interface EvidenceResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
  durationMs: number;
}

export interface ExchangeEvidence {
  request: EvidenceRequest;
  /** Absent when the request never got an answer (timeout, connection refused); `error` says why. */
  response: EvidenceResponse | null;
  /** A curl line that reproduces the request; tokens appear as `$TOKEN_<TENANT>` variables. */
  curl: string;
  /** The tenant the request ran as (`null`: no credentials, `invalid`: deliberately bad credentials). */
  tenant: string | null;
  error?: string;
}

/** One check of `conformance.json`. */
export interface ConformanceCheckJson {
  /** Stable `<area>.<name>`. */
  id: string;
  area: ConformanceArea;
  title: string;
  status: CheckStatus;
  /** The readiness gate the check evidences (a built-in gate id of gates.yaml). */
  gate: string;
  profile: ConformanceProfile;
  severity: CheckSeverity;
  detail: string;
  evidence: ExchangeEvidence | null;
}

/** The DESIGN.md contract of `<report-dir>/conformance.json`. */
export interface ConformanceJson {
  tool: string;
  version: string;
  target: string;
  startedAt: string;
  durationMs: number;
  summary: { passed: number; failed: number; skipped: number };
  /** The profile the run judged by. */
  profile: ConformanceProfile;
  cleanup: ConformanceCleanup;
  checks: ConformanceCheckJson[];
  /** Who produced the report from what (the service-folder form records it). */
  provenance?: Provenance;
}
