export type * from './types.js';
export { BUNDLE_DOCS, BUNDLE_ROLES, isBundleRole } from './roles.js';
export {
  DESCRIPTOR_FILE,
  DESCRIPTOR_SCHEMA_FILE,
  DescriptorError,
  descriptorSchema,
  loadDescriptor,
  parseDescriptor,
} from './load.js';
export { expandSpecLocations, layoutHas, resolveLayout, runbookUrl, type ResolvedLayout } from './layout.js';
