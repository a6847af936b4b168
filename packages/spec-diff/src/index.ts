export { diffSpecs, diffTexts, parseSpec, kindOf, DiffInputError, type DiffOptions } from './diff.js';
export { dereference, type DerefOptions } from './deref.js';
export { DIFF_RULES, OPENAPI_RULES, ASYNCAPI_RULES, isRuleId, type DiffRule } from './rules/catalog.js';
export type { RuleDirection } from './rules/structural-rules.js';
export { SCHEMA_RULES, SCHEMA_PREFIXES, type Direction } from './rules/schema-rules.js';
export { renderRuleTable } from './rules/render.js';
export type { Downgrade } from './settle.js';
export type { Change, ChangeClass, DiffReport, FailOn, SpecKind } from './types.js';
