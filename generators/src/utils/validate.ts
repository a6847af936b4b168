/** Input checks shared by the generators. Each failure is one line, thrown before anything is written. */
import { isDnsLabel, TIERS, type Tier } from '@shipshape/templates';

/** Names a service may not take: they collide with folders, tools, routes or runtime internals. */
export const RESERVED_SERVICE_NAMES: ReadonlySet<string> = new Set([
  'api',
  'app',
  'apps',
  'bench',
  'build',
  'cli',
  'conformance',
  'default',
  'dist',
  'docs',
  'generators',
  'health',
  'lib',
  'libs',
  'metrics',
  'node',
  'node-modules',
  'node_modules',
  'nx',
  'packages',
  'runtime',
  'services',
  'shipshape',
  'src',
  'templates',
  'test',
  'tests',
  'tmp',
  'tools',
]);

/** A resource name becomes a JS identifier, a table and a path segment: these would break one of them. */
export const RESERVED_RESOURCE_NAMES: ReadonlySet<string> = new Set([
  'api',
  'health',
  'metrics',
  'test',
  'node-modules',
  'node_modules',
  // JavaScript reserved words (the resource's property name is a variable in generated code)
  ...'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await arguments eval undefined'.split(
    ' ',
  ),
  // SQL reserved words that cannot be table names without quoting
  ...'all analyse analyze and any array as asc asymmetric both cast check collate column constraint create current-date current-role current-time current-timestamp current-user deferrable desc distinct end except fetch foreign from grant group having initially intersect into lateral leading limit localtime localtimestamp not offset on only or order placing primary references returning select session-user some symmetric table then to trailing union unique user using variadic when where window'.split(
    ' ',
  ),
]);

export function checkServiceName(name: unknown): string {
  if (typeof name !== 'string' || name.length === 0) throw new Error('a service name is required');
  if (RESERVED_SERVICE_NAMES.has(name))
    throw new Error(`invalid service name '${name}': it is a reserved word`);
  if (!isDnsLabel(name)) {
    throw new Error(
      `invalid service name '${name}': use a DNS label (lowercase letters, digits and single hyphens, starting with a letter, at most 63 characters)`,
    );
  }
  return name;
}

export function checkResourceName(resource: unknown, flag = '--resource'): string {
  if (typeof resource !== 'string' || resource.length === 0) throw new Error(`${flag} must not be empty`);
  if (RESERVED_RESOURCE_NAMES.has(resource)) {
    throw new Error(
      `invalid ${flag} '${resource}': it is a reserved word in JavaScript, SQL or the service's routes`,
    );
  }
  if (!isDnsLabel(resource) || resource.length > 40) {
    throw new Error(
      `invalid ${flag} '${resource}': use a singular lowercase name (letters, digits and single hyphens, starting with a letter, at most 40 characters)`,
    );
  }
  return resource;
}

export function checkOrg(org: unknown): string {
  if (typeof org !== 'string' || !isDnsLabel(org) || org.length > 30) {
    throw new Error(
      `invalid --org '${String(org)}': use a lowercase DNS label of at most 30 characters (it prefixes event types and error codes)`,
    );
  }
  return org;
}

export function checkTier(tier: unknown): Tier {
  if (!TIERS.includes(tier as Tier)) {
    throw new Error(`invalid --tier '${String(tier)}': use one of ${TIERS.join(', ')}`);
  }
  return tier as Tier;
}

export function checkOwner(owner: unknown): string {
  if (
    typeof owner !== 'string' ||
    owner.trim().length === 0 ||
    owner.length > 100 ||
    /[\r\n"\\]/.test(owner)
  ) {
    throw new Error(`invalid --owner '${String(owner)}': use a team handle such as @acme/orders-team`);
  }
  return owner.trim();
}
