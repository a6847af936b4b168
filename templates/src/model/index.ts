/** The ServiceModel: its types, the shared catalogs, and buildServiceModel. */
export * from './types.js';
export {
  TODO_MARKER,
  API_PREFIX,
  DOCS,
  RUNTIME_TABLES,
  ENV_VARS,
  defaultFields,
  NODE_BASE_IMAGE,
  CONTAINER_UID,
  CONTAINER_PORT,
} from './catalogs.js';
export { buildResourceModel } from './aggregates.js';
export { buildServiceModel, isDnsLabel } from './build.js';
