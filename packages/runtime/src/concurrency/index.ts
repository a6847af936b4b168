export {
  entityTag,
  parseIfMatch,
  readIfMatch,
  versionCondition,
  versionParam,
  matchesVersion,
  preconditionFailed,
} from './if-match.js';
export type { IfMatch, ReadIfMatchOptions } from './if-match.js';
