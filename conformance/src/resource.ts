import type { ApiModel, DiscoverOptions, Resource } from './spec.js';

/** Where the API lives and which resource the suite exercises, read from a spec's paths. */
const VERSION = /^v\d+(?:\.\d+)*$/i;

/**
 * The business-route prefix of a set of paths: up to the most common version segment (`/api/v1`),
 * else their common leading segments (`/api`) short of a collection itself, else `""`.
 */
export function detectPrefix(paths: string[], probes: string[]): string {
  const business = paths.filter((p) => !probes.includes(p) && !/\/openapi|\/swagger|\/docs?(\/|$)/i.test(p));
  if (business.length === 0) return '';
  const versioned = new Map<string, number>();
  for (const path of business) {
    const segments = path.split('/');
    const at = segments.findIndex((s) => VERSION.test(s));
    if (at > 0) {
      const prefix = segments.slice(0, at + 1).join('/');
      versioned.set(prefix, (versioned.get(prefix) ?? 0) + 1);
    }
  }
  if (versioned.size) return [...versioned].sort((a, b) => b[1] - a[1])[0]![0];
  const split = business.map((p) => p.split('/').filter(Boolean));
  const common: string[] = [];
  for (let i = 0; split.every((s) => s.length > i && s[i] === split[0]![i] && !s[i]!.includes('{')); i += 1)
    common.push(split[0]![i]!);
  // `/users` and `/users/{id}` share `/users`: that is the collection, not a prefix.
  while (common.length && business.includes(`/${common.join('/')}`)) common.pop();
  return common.length ? `/${common.join('/')}` : '';
}

export function findResource(
  model: ApiModel,
  options: DiscoverOptions & { apiPrefix: string },
): Resource | undefined {
  const byPath = (path: string, method: string) =>
    model.operations.find((op) => op.path === path && op.method === method);
  const candidates: Resource[] = [];
  const nested: Resource[] = [];
  const rejections = model.resourceRejections;
  for (const path of model.methodsByPath.keys()) {
    // `/things/{id}` or `/things/{id}/`; the collection may be `/things` or `/things/`.
    const match = /^(.*)\/\{([^}]+)\}\/?$/.exec(path);
    if (!match) continue;
    const [, base, idParam] = match as unknown as [string, string, string];
    const collectionPath = [base, `${base}/`].find((p) => model.methodsByPath.has(p));
    if (!collectionPath) continue;
    (collectionPath.includes('{') ? nested : candidates).push({
      collectionPath,
      itemPath: path,
      idParam,
      list: byPath(collectionPath, 'GET'),
      create: byPath(collectionPath, 'POST'),
      read: byPath(path, 'GET'),
      update: byPath(path, 'PATCH') ?? byPath(path, 'PUT'),
      remove: byPath(path, 'DELETE'),
    });
  }
  // A nested collection (`/articles/{slug}/comments`) is exercised under a parent the suite creates
  // first (and deletes last): its parent must be a top-level resource with a create operation.
  for (const child of nested) {
    const parentItem = child.collectionPath.replace(/\/$/, '').replace(/\/[^/]+$/, '');
    const param = /\{([^}]+)\}$/.exec(parentItem)?.[1];
    const parent = candidates.find((c) => c.itemPath.replace(/\/$/, '') === parentItem && c.create);
    if (!parent || !param || parentItem.slice(0, -(param.length + 2)).includes('{')) {
      rejections.push(`${child.collectionPath}: nested under a parent the suite cannot create`);
      continue;
    }
    child.parent = { resource: parent, param };
  }
  const usable = nested.filter((c) => c.parent);
  if (options.resource) {
    const wanted = options.resource.replace(/\/$/, '');
    const named = usable.find((c) =>
      [wanted, joinPath(model.basePath, wanted)].some((w) => c.collectionPath.replace(/\/$/, '') === w),
    );
    if (named) return named;
  }
  for (const child of usable)
    rejections.push(
      `${child.collectionPath}: nested under ${child.parent!.resource.collectionPath} (name it in "resource" to exercise it under a parent the suite creates)`,
    );
  if (candidates.length === 0 && usable.length) return usable[0];
  if (candidates.length === 0 && rejections.length === 0)
    rejections.push('no path pairs a collection with an item path (/things and /things/{id})');
  if (options.resource) {
    const wanted = options.resource.replace(/\/$/, '');
    return candidates.find((c) =>
      [wanted, joinPath(model.basePath, wanted)].some((w) => c.collectionPath.replace(/\/$/, '') === w),
    );
  }
  const score = (c: Resource) =>
    (c.create ? 4 : 0) +
    (c.read ? 2 : 0) +
    (c.list ? 1 : 0) +
    (c.remove ? 1 : 0) +
    (c.create?.requestBody ? 1 : 0) +
    (c.collectionPath.startsWith(options.apiPrefix) ? 8 : 0);
  const sorted = candidates.sort(
    (x, y) => score(y) - score(x) || x.collectionPath.localeCompare(y.collectionPath),
  );
  for (const other of sorted.slice(1)) {
    const lacks = (['create', 'read', 'list', 'remove'] as const).filter((k) => !other[k] && sorted[0]![k]);
    rejections.push(
      `${other.collectionPath}: ${lacks.length ? `no ${lacks.join('/')}` : 'scored no higher'} than ${sorted[0]!.collectionPath}`,
    );
  }
  return sorted[0];
}

export function joinPath(base: string, path: string): string {
  return `${base}${path.startsWith('/') ? '' : '/'}${path}`;
}
