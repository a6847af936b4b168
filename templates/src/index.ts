export * from './model.js';
export { names, pluralize, snakeCase } from './names.js';
export { helpers, q, json, cell, anchor, kebab, pad4, type Helpers } from './helpers.js';
export { loadStandardErrorCodes, type StandardErrorCodeEntry, type StandardErrorCodeTable } from './standard-codes.js';
export { defaultAlerts, defaultSlos } from './ops.js';
export { templatesRoot, treeDirs, templateData, type TemplateData } from './trees.js';
