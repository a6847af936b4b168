export { evaluateReadiness, type EvaluateOptions } from './evaluate.js';
export {
  loadCatalog,
  parseCatalog,
  CATALOG_FILE,
  type Catalog,
  type GateDef,
  type GroupDef,
  type LevelDef,
} from './catalog.js';
export { ReadinessInputError } from './context.js';
export { deriveLevel, targetLevel, blockingGates } from './levels.js';
export { renderText, toJson } from './render.js';
export { writeReadiness, STATUS_BEGIN, STATUS_END, type WrittenFiles } from './write.js';
export { evaluators } from './evaluators/index.js';
export type { Evidence, GateResult, GateStatus, LevelId, ReadinessResult, Verdict } from './types.js';
