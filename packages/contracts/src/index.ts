// The one home of what several Shipshape packages must agree on. Zero runtime weight beyond a YAML parser.
export {
  CATALOG_FILE,
  loadCatalog,
  parseCatalog,
  type Catalog,
  type GateDef,
  type GroupDef,
  type LevelDef,
} from './gates/catalog.js';
export { GATE_IDS, GROUP_IDS, type GateId, type GroupId } from './gates/gate-ids.js';
export { isGateId, gateIds } from './gates/ids.js';
export { GATE_STATUSES, LEVEL_IDS, type GateStatus, type Judged, type LevelId } from './gates/levels.js';
export { renderGateIds, GATE_IDS_MODULE } from './gates/render-ids.js';
export { standardErrorCodes, type StandardErrorCode, type StandardErrorCodeName } from './errors/index.js';
export { API_PREFIX, CONTRACT_HEADERS, HEALTH_PATHS } from './service/http.js';
export { SERVICE_ENV, type ServiceEnvName, type ServiceEnvVar } from './service/env.js';
export {
  DEFAULT_TENANT_COLUMN,
  RUNTIME_TABLES,
  TENANT_SETTING,
  TENANT_SIGNATURE_SETTING,
  TENANT_KEY_TABLE,
  TENANT_FUNCTION,
  type RuntimeTableName,
} from './service/tables.js';
export {
  OUTBOX_DEAD_LETTER_SQL,
  outboxDeadLetterCommand,
  type OutboxDeadLetterAction,
} from './service/outbox-dead-letters.js';
export {
  DURATION_BUCKETS,
  METRICS,
  SERVICE_SELECTOR,
  type MetricDef,
  type MetricKey,
  type MetricType,
} from './metrics/catalog.js';
export type { Provenance } from './documents/provenance.js';
export {
  computeProvenance,
  hashInputs,
  gitState,
  provenanceProblems,
  type ProvenanceInput,
} from './provenance/provenance.js';
export {
  CONFORMANCE_AREAS,
  type CheckSeverity,
  type CheckStatus,
  type ConformanceCleanup,
  type ConformanceProfile,
  type ConformanceArea,
  type ConformanceCheckJson,
  type ConformanceJson,
  type EvidenceRequest,
  type EvidenceResponse,
  type ExchangeEvidence,
} from './documents/conformance.js';
export type { GateEvidenceRef, ReadinessGateJson, ReadinessJson } from './documents/readiness.js';
export type {
  LintFinding,
  LintGateEvidence,
  LintGateStatus,
  LintReport,
  LintSeverity,
} from './documents/lint.js';
export {
  BUNDLE_DOCS,
  BUNDLE_ROLES,
  DESCRIPTOR_FILE,
  DESCRIPTOR_SCHEMA_FILE,
  DescriptorError,
  descriptorSchema,
  expandSpecLocations,
  isBundleRole,
  layoutHas,
  loadDescriptor,
  parseDescriptor,
  resolveLayout,
  runbookUrl,
  type ApiLocations,
  type BundleRole,
  type DataLocations,
  type DeployLocations,
  type DiffDowngrade,
  type DiffSettings,
  type DocsLocations,
  type ErrorLocations,
  type LocalRun,
  type OpsLocations,
  type ReadinessLocations,
  type ReportLocations,
  type ResolvedLayout,
  type RunbookLocations,
  type ServiceDescriptor,
  type SqlDialect,
  type Tier as ServiceTier,
} from './descriptor/index.js';
