import type { ConformanceCleanup } from '@shipshape/contracts';

/** The eight areas of the suite, in report order (DESIGN.md: stable check ids are `<area>.<name>`). */
export const AREAS = [
  'health',
  'errors',
  'idempotency',
  'tenancy',
  'tracing',
  'versioning',
  'schema',
  'security',
] as const;
export type Area = (typeof AREAS)[number];

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

export interface Evidence {
  request: EvidenceRequest;
  /** Absent when the request never got an answer (timeout, connection refused); `error` says why. */
  response: EvidenceResponse | null;
  /** A curl line that reproduces the request; tokens appear as `$TOKEN_<TENANT>` variables. */
  curl: string;
  /** The tenant the request ran as (`null`: no credentials, `invalid`: deliberately bad credentials). */
  tenant: string | null;
  error?: string;
}

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
