export { lintService, ServiceDirError } from './lint-service.js';
export { problemCodeEnums } from './problem-codes.js';
export { kebab as alertSlug } from './alerts.js';
export { formatFinding, formatSummary, toSarif, writeReports } from './report.js';
export type { Finding, GateEvidence, GateStatus, LintReport, Severity } from './types.js';
