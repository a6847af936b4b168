// The lint report is a document other tools read (readiness, the docs site): its types live in
// @shipshape/contracts with a JSON Schema generated from them.
export type {
  LintFinding as Finding,
  LintGateEvidence as GateEvidence,
  LintGateStatus as GateStatus,
  LintReport,
  LintSeverity as Severity,
} from '@shipshape/contracts';
