/**
 * Operations data of a service: default SLOs per tier, default alert rules (with the guide each runbook is
 * written from), the dashboard, deploy defaults and the readiness gate catalog, all read from data files
 * (`templates/ops/data/` and the readiness evaluator's gates.yaml). The model computes what follows from the tier
 * once (see model/build.ts); `opsHelpers` are the pure helpers templates may call on top.
 */
export {
  opsDataDir,
  fill,
  opsMetrics,
  metricNames,
  metricSelector,
  type MetricDef,
  type Vars,
} from './data.js';
export {
  seconds,
  budget,
  percent,
  indent,
  headingAnchor,
  routeTemplate,
  kindSlug,
  helmEscape,
} from './format.js';
export { defaultSlos, sloQuery, sloById, loadThresholds } from './slos.js';
export {
  defaultAlerts,
  alertGroups,
  alertGuide,
  escalateAfter,
  runbookPath,
  runbookUrl,
  type AlertCheck,
  type AlertGuide,
  type AlertInputs,
} from './alerts.js';
export { deployDefaults } from './deploy.js';
export { readSloOverrides, sloFileFormat } from './openslo.js';
export {
  gateCatalog,
  readinessLevels,
  targetLevel,
  badgePath,
  type GateDef,
  type GateGroup,
  type ReadinessLevel,
} from './gates.js';
export { grafanaDashboard, dashboardUid } from './dashboard.js';
export { opsHelpers, type OpsHelpers } from './helpers.js';
