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
  type Profile,
  type Severity,
} from './registry.js';
export type { CheckContext, Created, Kit } from './context.js';
export type { Stimuli, Provocation, Observed, TraceProbe, ProbeName } from './stimuli/index.js';
export { chooseAuth, describeAuth, type AuthPlan, type Placement } from './auth.js';
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
  type Cleanup,
} from './types.js';
export { builtinChecks } from './checks/index.js';
export { writeReports } from './report/write.js';
export { toConformanceJson, type ConformanceJson } from './report/json.js';
export { toJunit } from './report/junit.js';
export { toMarkdown } from './report/markdown.js';
export { parseMetrics } from './prometheus.js';
export { catalogMarkdown } from './catalog.js';
export { resolveServiceTarget, openApiDocuments, type ServiceTarget } from './service/target.js';
export { startServiceCommand, type StartCommandOptions, type StartedService } from './service/start.js';
