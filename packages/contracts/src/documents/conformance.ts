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
  checks: ConformanceCheckJson[];
  /** Who produced the report from what (the service-folder form records it). */
  provenance?: Provenance;
}
