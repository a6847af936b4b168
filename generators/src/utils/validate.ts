/** Input checks shared by the generators. Each failure is one line, thrown before anything is written. */
import {
  buildResourceModel,
  IF_MATCH_POLICIES,
  isDnsLabel,
  TIERS,
  type IfMatchPolicy,
  type Tier,
} from '@shipshape/templates';

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

/** A resource's singular and plural become JS identifiers and path segments: these would break one of them. */
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
]);

/** PostgreSQL reserved key words: a table (the plural, snake_case) may not be one of them unquoted. */
export const SQL_RESERVED: ReadonlySet<string> = new Set(
  'all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create current_catalog current_date current_role current_time current_timestamp current_user default deferrable desc distinct do else end except false fetch for foreign from grant group having in initially intersect into lateral leading limit localtime localtimestamp not null offset on only or order placing primary references returning select session_user some symmetric system_user table then to trailing true union unique user using variadic when where window with'.split(
    ' ',
  ),
);

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
      `invalid ${flag} '${resource}': it is a reserved word in JavaScript or the service's routes`,
    );
  }
  if (!isDnsLabel(resource) || resource.length > 40) {
    throw new Error(
      `invalid ${flag} '${resource}': use a singular lowercase name (letters, digits and single hyphens, starting with a letter, at most 40 characters)`,
    );
  }
  const { table, plural } = buildResourceModel(resource);
  if (RESERVED_RESOURCE_NAMES.has(plural)) {
    throw new Error(`invalid ${flag} '${resource}': its plural '${plural}' is a reserved word`);
  }
  if (SQL_RESERVED.has(table)) {
    throw new Error(`invalid ${flag} '${resource}': its table name '${table}' is a reserved word in SQL`);
  }
  if (table.startsWith('shipshape_')) {
    throw new Error(`invalid ${flag} '${resource}': tables named shipshape_* belong to the runtime`);
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

/** `--ifMatch`: undefined (keep what the manifest says), `optional` or `required`. */
export function checkIfMatch(policy: unknown): IfMatchPolicy | undefined {
  if (policy === undefined) return undefined;
  if (!IF_MATCH_POLICIES.includes(policy as IfMatchPolicy)) {
    throw new Error(
      `invalid --ifMatch '${String(policy)}': use optional (PATCH and DELETE take If-Match when sent) or required (428 without it)`,
    );
  }
  return policy as IfMatchPolicy;
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
