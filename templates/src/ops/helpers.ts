/** The ops helpers the bundle's templates call (spread into the template data next to helpers.ts's). */
import { alertGroups, alertGuide, escalateAfter, runbookPath } from './alerts.js';
import { dashboardUid, grafanaDashboard } from './dashboard.js';
import { metricNames, metricSelector, opsMetrics } from './data.js';
import { deployDefaults } from './deploy.js';
import { budget, headingAnchor, helmEscape, indent, percent, routeTemplate, seconds } from './format.js';
import { badgePath, gateCatalog, readinessLevels, targetLevel } from './gates.js';
import { loadThresholds, sloById, sloQuery } from './slos.js';

export const opsHelpers = {
  alertGroups,
  alertGuide,
  badgePath,
  budget,
  dashboardUid,
  deployDefaults,
  escalateAfter,
  gateCatalog,
  grafanaDashboard,
  headingAnchor,
  helmEscape,
  indent,
  loadThresholds,
  metricNames,
  metricSelector,
  opsMetrics,
  percent,
  readinessLevels,
  routeTemplate,
  runbookPath,
  seconds,
  sloById,
  sloQuery,
  targetLevel,
};
export type OpsHelpers = typeof opsHelpers;
