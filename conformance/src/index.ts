export { runConformance, allChecks, ConformanceSetupError, TOOL_VERSION } from './runner.js';
export type { ConformanceOptions, ProgressEvent } from './runner.js';
export {
  defineCheck,
  registerCheck,
  unregisterCheck,
  registeredChecks,
  pass,
  fail,
  skip,
  skipNow,
  describe,
  type CheckDefinition,
  type Verdict,
  type Requirement,
} from './registry.js';
export type { CheckContext, Created } from './context.js';
export type { Exchange, SendOptions, Tenant, Principal } from './http.js';
export type { ConformanceConfig } from './config.js';
export type { ApiModel, Operation, Resource } from './spec.js';
export {
  AREAS,
  type Area,
  type CheckResult,
  type CheckStatus,
  type Evidence,
  type Report,
  type AreaTiming,
} from './types.js';
export { builtinChecks } from './checks/index.js';
export { writeReports } from './report/write.js';
export { toConformanceJson, type ConformanceJson } from './report/json.js';
export { toJunit } from './report/junit.js';
export { toMarkdown } from './report/markdown.js';
export { parseMetrics } from './prometheus.js';
export { catalogMarkdown } from './catalog.js';
