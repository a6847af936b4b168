/** Every default and every input check of the service generator lives here; the rest takes the result. */
import { getProjects, normalizePath, readJson, type Tree } from '@nx/devkit';
import { fromManifest, withIfMatch, type NormalizedServiceOptions } from '../../lib/options';
import { readManifest } from '../../utils/manifest';
import {
  checkIfMatch,
  checkOrg,
  checkOwner,
  checkResourceName,
  checkServiceName,
  checkTier,
} from '../../utils/validate';
import type { ServiceGeneratorSchema } from '../schema';

export type { NormalizedServiceOptions } from '../../lib/options';

export const DEFAULT_ORG = 'acme';

/** `shipshape.org` of the root package.json, else its npm scope, else `acme`. */
export function defaultOrg(tree: Tree): string {
  if (!tree.exists('package.json')) return DEFAULT_ORG;
  const pkg = readJson<{ name?: string; shipshape?: { org?: string } }>(tree, 'package.json');
  if (pkg.shipshape?.org) return pkg.shipshape.org;
  const scope = /^@([a-z][a-z0-9-]*)\//.exec(pkg.name ?? '');
  return scope ? scope[1] : DEFAULT_ORG;
}

function normalizeDirectory(raw: string): string {
  const dir = normalizePath(raw.trim()).replace(/^\.\//, '').replace(/\/+$/, '');
  if (
    dir === '' ||
    dir.startsWith('/') ||
    /^[A-Za-z]:/.test(dir) ||
    dir.split('/').some((s) => s === '..' || s === '.')
  ) {
    throw new Error(`invalid --directory '${raw}': use a path inside the workspace, such as services/orders`);
  }
  if (!/^[A-Za-z0-9._/-]+$/.test(dir)) {
    throw new Error(`invalid --directory '${raw}': use letters, digits, '.', '_', '-' and '/' only`);
  }
  return dir;
}

function hasFiles(tree: Tree, dir: string): boolean {
  return tree.exists(dir) && !tree.isFile(dir) && tree.children(dir).length > 0;
}

export function normalizeOptions(tree: Tree, schema: ServiceGeneratorSchema): NormalizedServiceOptions {
  const name = checkServiceName(schema.name);
  const directory = normalizeDirectory(schema.directory ?? `services/${name}`);
  if (tree.exists(directory) && tree.isFile(directory)) {
    throw new Error(`cannot create service '${name}': ${directory} is a file`);
  }
  // A re-run (the directory holds this service's manifest) keeps every option it is not given.
  const previous = readManifest(tree, directory);
  const before = previous?.options;
  const org = checkOrg(schema.org ?? before?.org ?? defaultOrg(tree));
  const tier = checkTier(schema.tier ?? before?.tier ?? 't1');
  const owner = checkOwner(
    schema.owner === undefined || schema.owner === ''
      ? (before?.owner ?? `@${org}/${name}-team`)
      : schema.owner,
  );
  const resource = checkResourceName(schema.resource ?? before?.resources[0] ?? 'item');
  const ifMatchPolicy = checkIfMatch(schema.ifMatch);
  if (before && before.name === name && resource !== before.resources[0]) {
    throw new Error(
      `service '${name}' was generated with --resource ${before.resources[0]}; add another aggregate with: nx g @shipshape/generators:resource ${resource} --project ${name}`,
    );
  }
  const existing = getProjects(tree).get(name);
  if (previous) {
    if (previous.options.name !== name) {
      throw new Error(
        `cannot create service '${name}': ${directory} holds the Shipshape service '${previous.options.name}'`,
      );
    }
  } else {
    if (existing) {
      throw new Error(
        `cannot create service '${name}': a project with this name already exists in ${existing.root}`,
      );
    }
    if (hasFiles(tree, directory)) {
      throw new Error(`cannot create service '${name}': ${directory} already exists and is not empty`);
    }
  }
  if (previous && existing && existing.root !== directory) {
    throw new Error(
      `cannot create service '${name}': a project with this name already exists in ${existing.root}`,
    );
  }

  const flags = {
    force: schema.force === true,
    skipFormat: schema.skipFormat === true,
    skipInstall: schema.skipInstall === true,
  };
  // A re-run starts from what the manifest records; a first run from the one aggregate it names.
  const base = previous
    ? fromManifest(previous, directory, flags, tree)
    : {
        resources: [resource],
        ifMatch: undefined,
        migrations: {},
        alerts: [],
        previous: undefined,
        slos: {},
      };
  // --ifMatch sets the first aggregate's policy; without it a re-run keeps the recorded one
  const ifMatch = withIfMatch(base.ifMatch, resource, ifMatchPolicy);
  // another tier starts from that tier's objectives; the same tier keeps what ops/slos.yaml says
  const slos = previous && previous.options.tier === tier ? base.slos : {};
  return { ...base, ...flags, name, directory, org, tier, owner, slos, ifMatch };
}
