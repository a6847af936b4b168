export { evaluateReadiness, type EvaluateOptions } from './evaluate.js';
export {
  loadCatalog,
  parseCatalog,
  CATALOG_FILE,
  type Catalog,
  type GateDef,
  type GroupDef,
  type LevelDef,
  type CustomCheck,
} from './catalog.js';
export { ReadinessInputError } from './context.js';
export { deriveLevel, targetLevel, blockingGates, checkFailures, type CheckFailure } from './levels.js';
export { evaluateAll, findServices, toAllJson, renderAllText, type WorkspaceReadiness } from './all.js';
export { toSarif } from './formats/sarif.js';
export { toJUnit } from './formats/junit.js';
export { toInToto } from './formats/intoto.js';
export { withCustomGates, CUSTOM_GATES_FILE } from './custom/load.js';
export { closeDatabase } from './artifacts/pgcatalog.js';
export { stampReports } from './stamp.js';
export { makeProvenance, verifyProvenance, type Provenance } from './provenance.js';
export { renderText, toJson } from './render.js';
export { writeReadiness, STATUS_BEGIN, STATUS_END, type WrittenFiles } from './write.js';
export { evaluators } from './evaluators/index.js';
export type {
  Evidence,
  GateResult,
  GateStatus,
  LevelId,
  ReasonCode,
  ReadinessResult,
  Verdict,
} from './types.js';
