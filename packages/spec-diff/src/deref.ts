import { dirname, resolve as resolvePath } from 'node:path';
import { DiffInputError } from './errors.js';

type Json = unknown;

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Where a dereferenced object is written in its document (a JSON pointer), for shared components. */
const origins = new WeakMap<object, string>();
export const originOf = (value: unknown): string | undefined =>
  isObject(value) ? origins.get(value) : undefined;

function pointerGet(root: Json, pointer: string): Json {
  if (pointer === '' || pointer === '/') return root;
  let value: Json = root;
  for (const token of pointer.slice(1).split('/')) {
    const key = decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~');
    value = isObject(value) || Array.isArray(value) ? (value as Record<string, Json>)[key] : undefined;
  }
  return value;
}

export interface DerefOptions {
  /** Absolute path of the document: external `$ref`s resolve relative to the file that holds them. */
  file?: string;
  /** Reads and parses another file of the same spec (absolute path); undefined when it does not exist. */
  load?: (path: string) => Json;
}

/**
 * Replaces `$ref`s by what they point at, so two versions compare by meaning, not by how they are
 * factored into components or files. Local refs (`#/...`) resolve in the file that holds them;
 * external ones (`./schemas/x.yaml#/Order`) relative to that file, through `options.load` (without a
 * file and loader they stay as written; `http(s)` refs are never fetched). Each target is resolved
 * once and shared, and a target in the root document remembers where it is written ({@link originOf}),
 * so a change in a shared component is reported once, at the component. A recursive reference stays
 * `{ $ref }` where it recurses.
 */
export function dereference<T>(root: T, options: DerefOptions = {}): T {
  if (!isObject(root)) return root;
  const memo = new Map<string, Json>();
  const placed = new WeakSet<object>();
  const files = new Map<string, Json>();
  const rootFile = options.file ?? '';
  files.set(rootFile, root);
  const fileDoc = (file: string, from: string): Json => {
    if (!files.has(file)) {
      const doc = options.load?.(file);
      if (doc === undefined)
        throw new DiffInputError(`$ref ${file} (from ${from || 'the document'}) cannot be read`);
      files.set(file, doc);
    }
    return files.get(file);
  };
  const target = (ref: string, file: string): [string, string] | undefined => {
    const hash = ref.indexOf('#');
    const [path, pointer] = hash < 0 ? [ref, ''] : [ref.slice(0, hash), ref.slice(hash + 1)];
    if (path === '') return [file, pointer];
    if (/^[a-z][a-z0-9+.-]*:/i.test(path) || !options.load || !options.file) return undefined;
    return [resolvePath(dirname(file), decodeURI(path)), pointer];
  };
  // Objects and arrays without a $ref below them are returned as they are (not copied): on a
  // multi-megabyte spec most of the tree, and copying it doubled the work of the garbage collector.
  const resolve = (value: Json, stack: string[], file: string): Json => {
    if (Array.isArray(value)) {
      let items: Json[] | undefined;
      value.forEach((v, i) => {
        const r = resolve(v, stack, file);
        if (r !== v) (items ??= [...value])[i] = r;
      });
      return items ?? value;
    }
    if (!isObject(value)) return value;
    const ref = value.$ref;
    const at = typeof ref === 'string' ? target(ref, file) : undefined;
    if (typeof ref === 'string' && at) {
      const [targetFile, pointer] = at;
      const key = `${targetFile}#${pointer}`;
      if (stack.includes(key)) return { $ref: ref };
      let resolved = memo.get(key);
      if (!memo.has(key)) {
        resolved = resolve(pointerGet(fileDoc(targetFile, file), pointer), [...stack, key], targetFile);
        // A target reached through a chain of refs keeps the place it is really written.
        // (Objects are not copied, so an origin left by an earlier call is overwritten once.)
        if (targetFile === rootFile && isObject(resolved) && !placed.has(resolved)) {
          origins.set(resolved, pointer);
          placed.add(resolved);
        }
        memo.set(key, resolved);
      }
      const { $ref: _ref, ...siblings } = value;
      // OpenAPI 3.1 allows siblings next to $ref (description, summary): they win.
      return Object.keys(siblings).length > 0 && isObject(resolved)
        ? { ...resolved, ...(resolve(siblings, stack, file) as object) }
        : resolved;
    }
    let out: Record<string, Json> | undefined;
    for (const k in value) {
      const v = value[k];
      const r = resolve(v, stack, file);
      if (r !== v) (out ??= { ...value })[k] = r;
    }
    return out ?? value;
  };
  // `components` is reached through the `$ref`s that use it: walking it as well would resolve
  // every component twice (what is compared lives under paths, webhooks, channels, operations).
  let out: Record<string, Json> | undefined;
  for (const k in root) {
    if (k === 'components') continue;
    const r = resolve(root[k], [], rootFile);
    if (r !== root[k]) (out ??= { ...root })[k] = r;
  }
  return (out ?? root) as T;
}
