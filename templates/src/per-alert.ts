/** The trees rendered once per alert (the `perAlert` list of trees.json) and the data each rendering gets. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AlertModel, ServiceModel } from './model/types.js';
import { alertGuide, type AlertGuide } from './ops/alerts.js';
import { opsHelpers, type OpsHelpers } from './ops/helpers.js';

const packageRoot = join(__dirname, '..');

/**
 * Trees rendered once per alert (`alert`, `guide` and the `alertSlug` file-name substitution in the data): the
 * `perAlert` list of trees.json.
 */
export function perAlertTrees(): string[] {
  const list = JSON.parse(readFileSync(join(packageRoot, 'trees.json'), 'utf8')) as { perAlert?: string[] };
  return [...(list.perAlert ?? [])];
}

/**
 * What to render once per alert: for each per-alert tree and each alert of the model, the tree's `files`
 * directory and the EJS data (`base`, normally `templateData(model)`, plus `alert`, `guide`, `alertSlug` and
 * the ops helpers). The service generator calls `generateFiles(tree, dir, target, data)` for each.
 */
export function perAlertRenders<T extends object>(
  model: ServiceModel,
  base: T,
  alerts: AlertModel[] = model.alerts,
): {
  dir: string;
  data: T & OpsHelpers & { alert: AlertModel; guide: AlertGuide | undefined; alertSlug: string };
}[] {
  return perAlertTrees().flatMap((tree) =>
    alerts.map((alert) => ({
      dir: join(packageRoot, tree, 'files'),
      data: { ...opsHelpers, ...base, alert, guide: alertGuide(model, alert), alertSlug: alert.slug },
    })),
  );
}
