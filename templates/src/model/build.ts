/**
 * buildServiceModel: the options of a service → its ServiceModel. Everything that follows from the options (names,
 * aggregates, routes, codes, events, tables, SLOs, alerts and the tier's facts) is computed here, once; templates
 * only read the model.
 */
import { defaultAlerts, escalateAfter } from '../ops/alerts.js';
import { dashboardUid } from '../ops/dashboard.js';
import { deployDefaults } from '../ops/deploy.js';
import { targetLevel } from '../ops/gates.js';
import { defaultSlos, loadThresholds } from '../ops/slos.js';
import { names } from '../names.js';
import { loadStandardErrorCodes } from '../standard-codes.js';
import {
  buildErrorCodes,
  buildEvents,
  buildResourceModel,
  buildResourceTable,
  buildRoutes,
} from './aggregates.js';
import {
  CONTAINER_PORT,
  CONTAINER_UID,
  DOCS,
  ENV_VARS,
  NODE_BASE_IMAGE,
  RUNTIME_TABLES,
  TODO_MARKER,
} from './catalogs.js';
import type { AlertModel, ServiceModel, ServiceModelOptions } from './types.js';

const DNS_LABEL = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** A DNS label (RFC 1123, starting with a letter): what service, org and resource names must be. */
export function isDnsLabel(value: string): boolean {
  return DNS_LABEL.test(value) && !value.includes('--');
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const templatesVersion: string = (require('../../package.json') as { version: string }).version;

/** Version of a newly generated service (package.json, chart appVersion, image tag). */
const SERVICE_VERSION = '0.1.0';

export function buildServiceModel(options: ServiceModelOptions): ServiceModel {
  const { name, org, tier, owner, directory } = options;
  const serviceNames = names(name);
  const singulars = [options.resource, ...(options.resources ?? [])].filter(
    (r, i, all) => all.indexOf(r) === i,
  );
  // Forward-only: an aggregate without a number gets the one after the highest given.
  let next = Math.max(0, ...singulars.map((r) => options.migrations?.[r] ?? 0)) + 1;
  const resources = singulars.map((r) =>
    buildResourceModel(r, options.migrations?.[r] ?? next++, options.ifMatch?.[r] ?? 'optional'),
  );
  const standard = options.standardErrorCodes ?? loadStandardErrorCodes();
  const labels = resources.map((r) => r.names.name.replace(/-/g, ' '));
  const aggregates =
    labels.length === 1
      ? `the ${labels[0]} aggregate`
      : `the ${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]} aggregates`;
  const base = {
    name: serviceNames.fileName,
    names: serviceNames,
    org,
    orgUpper: names(org).constantName,
    tier,
    owner,
    version: SERVICE_VERSION,
    description:
      options.description ??
      `The ${serviceNames.fileName} service owns ${aggregates}: tenant-scoped create, list, read, update and delete, with a domain event for every change.`,
    directory,
    generatorVersion: options.generatorVersion ?? templatesVersion,
    resources,
    routes: buildRoutes(org, serviceNames.fileName, resources),
    errorCodes: buildErrorCodes(org, serviceNames.fileName, resources, standard),
    events: buildEvents(org, serviceNames.fileName, resources),
    tables: [...resources.map(buildResourceTable), ...RUNTIME_TABLES.map((t) => ({ ...t }))],
    alerts: [] as AlertModel[],
    slos: defaultSlos(tier, serviceNames.fileName, options.slos),
    ops: {
      deploy: deployDefaults(tier),
      escalateAfter: escalateAfter(tier),
      targetLevel: targetLevel(tier),
      loadThresholds: { p95Ms: 0, p99Ms: 0, maxErrorRate: 0 },
      dashboardUid: dashboardUid(serviceNames.fileName),
    },
    env: ENV_VARS.map((e) => ({ ...e })),
    image: {
      repository: `${org}/${serviceNames.fileName}`,
      tag: SERVICE_VERSION,
      base: NODE_BASE_IMAGE,
      uid: CONTAINER_UID,
      port: CONTAINER_PORT,
    },
    probes: { live: '/health/live', ready: '/health/ready', health: '/health', metrics: '/metrics' } as const,
    docs: DOCS.map((d) => ({ id: d.id, file: `docs/${d.id}.md`, title: d.title })),
    todo: TODO_MARKER,
  } satisfies ServiceModel;
  base.ops.loadThresholds = loadThresholds(base);
  base.alerts = defaultAlerts(base);
  return base;
}
