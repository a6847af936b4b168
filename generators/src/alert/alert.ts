import { logger, type GeneratorCallback, type Tree } from '@nx/devkit';
import { defaultAlerts, type AlertModel } from '@shipshape/templates';
import { applyModel, buildModel } from '../lib/model';
import { normalizeOptions } from './lib/normalize-options';
import type { AlertGeneratorSchema } from './schema';

/**
 * Adds an alert to a service by re-rendering it from its manifest with the alert in the model, like the
 * resource generator: ops/alerts.yaml gets the rule, runbooks/<slug>.md its runbook (with `TODO(owner):` where
 * only a person knows the causes and the fix), docs/OBSERVABILITY.md and the README their rows. Files a person
 * edited since generation are never overwritten without --force. The added alerts are kept in the manifest
 * (`options.alerts`), so later runs of every generator keep them.
 */
export async function alertGenerator(tree: Tree, schema: AlertGeneratorSchema): Promise<GeneratorCallback> {
  const options = normalizeOptions(tree, schema);
  const { alert } = options;
  const model = buildModel(options.service);
  const defaults = new Set(defaultAlerts(model).map((a) => a.name));
  if (defaults.has(alert.name)) {
    throw new Error(`'${alert.name}' is a default alert of ${model.name}; choose another name`);
  }
  const exists = options.added.some((a) => a.name === alert.name);
  if (exists && !options.service.force) {
    throw new Error(
      `service '${model.name}' already has the alert '${alert.name}'; re-run with --force to replace it`,
    );
  }
  // Earlier added alerts keep their place; a replaced one keeps its place too.
  const added: AlertModel[] = exists
    ? options.added.map((a) => (a.name === alert.name ? alert : a))
    : [...options.added, alert];
  model.alerts = [...model.alerts.filter((a) => defaults.has(a.name)), ...added];

  // applyModel records the added (non-default) alerts in the manifest's options.alerts.
  await applyModel(tree, { ...options.service, alerts: added }, model);
  logger.info(
    `${exists ? 'replaced' : 'added'} alert ${alert.name} (${alert.severity}) in ${model.name}: ops/alerts.yaml, ${alert.runbook}, docs/OBSERVABILITY.md`,
  );
  return () => undefined;
}

export default alertGenerator;
