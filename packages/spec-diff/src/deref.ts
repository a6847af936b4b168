type Json = unknown;

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Where a dereferenced object is written in its document (a JSON pointer), for shared components. */
const origins = new WeakMap<object, string>();
export const originOf = (value: unknown): string | undefined =>
  isObject(value) ? origins.get(value) : undefined;

function pointerGet(root: Json, ref: string): Json {
  let value: Json = root;
  for (const token of ref.slice(2).split('/')) {
    const key = decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~');
    value = isObject(value) || Array.isArray(value) ? (value as Record<string, Json>)[key] : undefined;
  }
  return value;
}

/**
 * Replaces local `$ref`s (`#/...`) by what they point at, so two versions compare by meaning, not
 * by how they are factored into components. Each target is resolved once and shared, and remembers
 * where it is written ({@link originOf}), so a change in a shared component is reported once, at the
 * component. A recursive reference stays `{ $ref }` where it recurses; external ones are kept as is.
 */
export function dereference<T>(root: T): T {
  const memo = new Map<string, Json>();
  const resolve = (value: Json, stack: string[]): Json => {
    if (Array.isArray(value)) return value.map((v) => resolve(v, stack));
    if (!isObject(value)) return value;
    const ref = value.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/')) {
      if (stack.includes(ref)) return { $ref: ref };
      let target = memo.get(ref);
      if (!memo.has(ref)) {
        target = resolve(pointerGet(root, ref), [...stack, ref]);
        // A target reached through a chain of refs keeps the place it is really written.
        if (isObject(target) && !origins.has(target)) origins.set(target, ref.slice(1));
        memo.set(ref, target);
      }
      const { $ref: _ref, ...siblings } = value;
      // OpenAPI 3.1 allows siblings next to $ref (description, summary): they win.
      return Object.keys(siblings).length > 0 && isObject(target)
        ? { ...target, ...(resolve(siblings, stack) as object) }
        : target;
    }
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) out[k] = resolve(v, stack);
    return out;
  };
  return resolve(root, []) as T;
}
