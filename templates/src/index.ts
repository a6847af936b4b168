export * from './model/index.js';
export { names, pluralize, snakeCase } from './names.js';
export { helpers, q, json, cell, anchor, kebab, an, pad4, type Helpers } from './helpers.js';
export {
  loadStandardErrorCodes,
  type StandardErrorCodeEntry,
  type StandardErrorCodeTable,
} from './standard-codes.js';
export * from './ops/index.js';
export { perAlertTrees, perAlertRenders } from './per-alert.js';
export {
  templatesRoot,
  treeDirs,
  templateData,
  defaultWorkspaceFacts,
  type TemplateData,
  type WorkspaceFacts,
} from './trees.js';
export {
  renderTree,
  renderService,
  resourceData,
  RESOURCE_TREE,
  WORKSPACE_TREE,
  type RenderedFile,
  type RenderedService,
} from './render.js';
