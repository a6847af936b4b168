import * as ai from './ai.js';
import * as api from './api.js';
import * as data from './data.js';
import * as docs from './docs.js';
import * as domain from './domain.js';
import * as events from './events.js';
import * as obs from './obs.js';
import * as ops from './ops.js';
import * as perf from './perf.js';
import * as sec from './sec.js';
import * as tests from './tests.js';
import type { Evaluator } from './support.js';

/**
 * The evaluator of each automated gate, by gate id (the registry: a gate's id is its evaluator's public name).
 * A catalog gate marked `automated` without an entry here, or an entry for a gate the catalog does not list, is
 * a bug the catalog spec catches.
 */
export const evaluators: Record<string, Evaluator> = {
  'docs.overview_drafted': docs.overviewDrafted,
  'docs.bundle_complete': docs.bundleComplete,
  'docs.cross_links_valid': docs.crossLinksValid,
  'docs.adr_aligned': docs.adrAligned,
  'domain.aggregates_defined': domain.aggregatesDefined,
  'domain.ubiquitous_language': domain.ubiquitousLanguage,
  'api.openapi_present': api.openapiPresent,
  'api.error_codes_registered': api.errorCodesRegistered,
  'api.error_envelope': api.errorEnvelope,
  'api.versioning': api.versioning,
  'api.idempotency': api.idempotency,
  'api.tracing': api.tracing,
  'api.contract_tests': api.contractTests,
  'events.asyncapi_present': events.asyncapiPresent,
  'events.naming': events.naming,
  'events.envelope': events.envelope,
  'events.outbox': events.outbox,
  'events.idempotent_consumers': events.idempotentConsumers,
  'events.schema_registry': events.schemaRegistry,
  'data.migrations_forward_only': data.migrationsForwardOnly,
  'data.rls_enabled': data.rlsEnabled,
  'data.indexes_documented': data.indexesDocumented,
  'data.partitions_provisioned': data.partitionsProvisioned,
  'ai.through_orchestrator': ai.throughOrchestrator,
  'tests.unit_integration': tests.unitIntegration,
  'tests.coverage': tests.coverage,
  'tests.chaos': tests.chaos,
  'obs.logs': obs.logs,
  'obs.metrics': obs.metrics,
  'obs.traces': obs.traces,
  'obs.health_probes': obs.healthProbes,
  'obs.dashboards': obs.dashboards,
  'obs.slos': obs.slos,
  'obs.runbooks': obs.runbooks,
  'sec.authentication': sec.authentication,
  'sec.audit_logging': sec.auditLogging,
  'sec.dependency_scan': sec.dependencyScan,
  'sec.secret_scan': sec.secretScan,
  'sec.data_exposure': sec.dataExposure,
  'sec.headers': sec.headers,
  'perf.load_baseline_recorded': perf.loadBaselineRecorded,
  'perf.no_regression': perf.noRegression,
  'ops.helm_chart': ops.helmChart,
};

export type { Evaluator };
