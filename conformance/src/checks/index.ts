import type { CheckDefinition } from '../registry.js';
import { concurrencyChecks } from './concurrency.js';
import { errorsChecks } from './errors.js';
import { healthChecks } from './health.js';
import { idempotencyChecks } from './idempotency/index.js';
import { schemaChecks } from './schema.js';
import { securityChecks } from './security.js';
import { tenancyChecks } from './tenancy/index.js';
import { tracingChecks } from './tracing.js';
import { versioningChecks } from './versioning.js';

/** The built-in catalog, in report order. Ids are public and stable. */
export const builtinChecks: CheckDefinition[] = [
  ...healthChecks,
  ...errorsChecks,
  ...idempotencyChecks,
  ...tenancyChecks,
  ...tracingChecks,
  ...versioningChecks,
  ...schemaChecks,
  ...concurrencyChecks,
  ...securityChecks,
];
