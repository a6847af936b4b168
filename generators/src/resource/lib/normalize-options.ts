/** Defaults and checks of the resource generator: the service's own options come from its manifest. */
import { getProjects, joinPathFragments, type Tree } from '@nx/devkit';
import { MANIFEST_PATH, readManifest } from '../../utils/manifest';
import { checkIfMatch, checkResourceName } from '../../utils/validate';
import { fromManifest, withIfMatch, type NormalizedServiceOptions } from '../../lib/options';
import type { ResourceGeneratorSchema } from '../schema';

/** The highest NNNN of `<dir>/migrations/NNNN_*.sql`. */
function highestMigration(tree: Tree, directory: string): number {
  const dir = joinPathFragments(directory, 'migrations');
  if (!tree.exists(dir)) return 0;
  return tree
    .children(dir)
    .map((f) => /^(\d{4})_.*\.sql$/.exec(f))
    .reduce((max, m) => (m ? Math.max(max, Number(m[1])) : max), 0);
}

export function normalizeOptions(tree: Tree, schema: ResourceGeneratorSchema): NormalizedServiceOptions {
  const resource = checkResourceName(schema.name, 'resource name');
  if (typeof schema.project !== 'string' || schema.project === '') throw new Error('--project is required');
  const project = getProjects(tree).get(schema.project);
  if (!project) throw new Error(`no project named '${schema.project}' in this workspace`);
  const previous = readManifest(tree, project.root);
  if (!previous) {
    throw new Error(
      `'${schema.project}' is not a Shipshape service (no ${joinPathFragments(project.root, MANIFEST_PATH)})`,
    );
  }
  const { options } = previous;
  const ifMatch = checkIfMatch(schema.ifMatch);
  const exists = options.resources.includes(resource);
  if (exists && ifMatch === undefined) {
    throw new Error(
      `service '${options.name}' already has the aggregate '${resource}' (--ifMatch optional|required changes its If-Match setting)`,
    );
  }
  const taken = [...Object.values(previous.migrations), highestMigration(tree, project.root)];
  const service = fromManifest(
    previous,
    project.root,
    {
      force: schema.force === true,
      skipFormat: schema.skipFormat === true,
    },
    tree,
  );
  if (exists) return { ...service, ifMatch: withIfMatch(service.ifMatch, resource, ifMatch) };
  return {
    ...service,
    resources: [...service.resources, resource],
    migrations: { ...service.migrations, [resource]: Math.max(0, ...taken) + 1 },
    ifMatch: withIfMatch(service.ifMatch, resource, ifMatch),
  };
}
