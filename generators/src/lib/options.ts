/**
 * The options of a service in their two homes, and the one place that copies between them:
 * - `ServiceSettings` — what a service IS (kept in `.shipshape/manifest.json` under `options`);
 * - `NormalizedServiceOptions` — the settings plus how THIS run works (directory, force, formatting, the
 *   previous manifest).
 * `fromManifest` turns a manifest into options (resource, alert, sync and a service re-run start there);
 * `toManifest` turns options + the model back into what the manifest records. A new setting is one field of
 * `ServiceSettings` and one entry of `SETTING_KEYS` here; the generators never copy fields by hand.
 */
import { joinPathFragments, type Tree } from '@nx/devkit';
import {
  defaultAlerts,
  readSloOverrides,
  type IfMatchPolicy,
  type ServiceModel,
  type SloOverrides,
} from '@shipshape/templates';
import type { Manifest } from '../utils/manifest';
import { SETTING_KEYS, type ServiceSettings } from './settings';

export { SETTING_KEYS, type ServiceSettings } from './settings';

/** How one generator run works, on top of the settings. */
export interface RunFlags {
  force: boolean;
  skipFormat: boolean;
  skipInstall: boolean;
}

export interface NormalizedServiceOptions extends ServiceSettings, RunFlags {
  /** Workspace-relative service directory. */
  directory: string;
  /** Migration number of each aggregate's table. */
  migrations: Record<string, number>;
  /** The manifest of an earlier run in the same directory (a re-run), if any. */
  previous: Manifest | undefined;
  /** Objectives read back from the service's ops/slos.yaml: the file is the source of its SLOs once it exists. */
  slos?: SloOverrides;
}

/**
 * The If-Match policies with `resource` set to `policy` (unchanged when `policy` is undefined). Only `required`
 * is kept: optional is the default, so a service that never asked for it records nothing.
 */
export function withIfMatch(
  current: Record<string, IfMatchPolicy> | undefined,
  resource: string,
  policy: IfMatchPolicy | undefined,
): Record<string, IfMatchPolicy> | undefined {
  if (policy === undefined) return current;
  const next = { ...current, [resource]: policy };
  const required = Object.entries(next).filter(([, p]) => p === 'required');
  return required.length > 0 ? Object.fromEntries(required) : undefined;
}

/** The objectives of `<directory>/ops/slos.yaml` in the tree (none when the file is absent). */
export function readSlosFile(tree: Tree, directory: string): SloOverrides {
  const text = tree.read(joinPathFragments(directory, 'ops', 'slos.yaml'), 'utf-8');
  return text === null ? {} : readSloOverrides(text);
}

/**
 * The options a service was generated with, read back from its manifest (and, given the tree, the objectives of
 * its ops/slos.yaml), for a run with `flags`.
 */
export function fromManifest(
  manifest: Manifest,
  directory: string,
  flags: Partial<RunFlags> = {},
  tree?: Tree,
): NormalizedServiceOptions {
  const o = manifest.options;
  return {
    ...o,
    resources: [...o.resources],
    ifMatch: o.ifMatch ? { ...o.ifMatch } : undefined,
    alerts: [...(o.alerts ?? [])],
    directory,
    migrations: { ...manifest.migrations },
    force: flags.force === true,
    skipFormat: flags.skipFormat === true,
    skipInstall: flags.skipInstall ?? true,
    previous: manifest,
    slos: tree ? readSlosFile(tree, directory) : {},
  };
}

/** What the manifest records of a rendered service: its settings and the aggregates' migration numbers. */
export function toManifest(
  options: ServiceSettings,
  model: ServiceModel,
): { options: ServiceSettings; migrations: Record<string, number> } {
  const defaults = new Set(defaultAlerts(model).map((a) => a.name));
  const added = model.alerts.filter((a) => !defaults.has(a.name));
  const settings: ServiceSettings = {
    ...options,
    name: model.name,
    resources: model.resources.map((r) => r.singular),
    ifMatch: model.resources.reduce<ServiceSettings['ifMatch']>(
      (policies, r) => withIfMatch(policies, r.singular, r.ifMatch),
      undefined,
    ),
    alerts: added.length > 0 ? added : undefined,
  };
  const recorded: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) if (settings[key] !== undefined) recorded[key] = settings[key];
  return {
    options: recorded as unknown as ServiceSettings,
    migrations: Object.fromEntries(model.resources.map((r) => [r.singular, r.migration])),
  };
}
