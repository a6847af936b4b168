export type {
  Catalog,
  CatalogService,
  CatalogArtifacts,
  CatalogGate,
  CatalogEvidence,
  ConformanceSummary,
  LintSummary,
  DiffSummary,
  GateStatus,
} from './model.js';
export { collectCatalog, DuplicateServiceError, type CollectOptions } from './collect.js';
export { discoverServices, SERVICE_DIRS, type ServiceFolder } from './discover.js';
export { serviceArtifacts } from './facts.js';
export { readReadiness, type ReadinessAll, type ReadinessEntry } from './readiness-source.js';
export { catalogInfo, lifecycleOf, ownerRef, type PortalOptions } from './backstage.js';
export { mkdocsYml } from './mkdocs.js';
export { writeCatalog, type WriteOptions } from './write.js';
