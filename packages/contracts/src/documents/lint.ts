import type { Provenance } from './provenance.js';

export type LintSeverity = 'error' | 'warning' | 'info' | 'hint';

/** One finding, anchored in a file of the service. */
export interface LintFinding {
  /** Path relative to the service directory, with forward slashes. */
  file: string;
  line: number;
  column: number;
  severity: LintSeverity;
  /** Rule id: a Shipshape house/service rule, an inherited Spectral rule, or an @asyncapi/parser code. */
  rule: string;
  message: string;
  /** Readiness gate the finding counts against. */
  gate: string;
  /** JSON pointer of the offending value inside `file`, when the finding is about a value. */
  pointer?: string;
}

export type LintGateStatus = 'pass' | 'fail';

export interface LintGateEvidence {
  id: string;
  status: LintGateStatus;
  errors: number;
  warnings: number;
  /** Rules that were run for this gate (so "pass" is evidence, not absence). */
  rules: string[];
}

/** The JSON report `shipshape lint --format json` writes, read by the readiness evaluator. */
export interface LintReport {
  tool: 'shipshape-lint';
  version: string;
  /** Service name (the folder name). */
  service: string;
  serviceDir: string;
  startedAt: string;
  durationMs: number;
  /** Files that were linted, relative to the service directory. */
  files: string[];
  summary: { errors: number; warnings: number; infos: number };
  gates: LintGateEvidence[];
  findings: LintFinding[];
  /** Who produced the report from what (absent in reports written before provenance existed). */
  provenance?: Provenance;
}
