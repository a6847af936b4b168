export { diffSpecs, diffTexts, parseSpec, kindOf, DiffInputError } from './diff.js';
export { dereference } from './deref.js';
export { OPENAPI_RULES } from './openapi-diff.js';
export { ASYNCAPI_RULES } from './asyncapi-diff.js';
export { SCHEMA_RULES, type Direction } from './schema-diff.js';
export type { Change, ChangeClass, DiffReport, SpecKind } from './types.js';
