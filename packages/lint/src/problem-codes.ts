import { isRecord } from './finding.js';
import type { JsonPath } from './yaml-source.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];
const ERROR_STATUS = /^([45]([0-9][0-9]|XX)|default)$/;
const PROBLEM = 'application/problem+json';

interface At {
  value: unknown;
  path: JsonPath;
}

/** Follows local `$ref`s (`#/...`), returning the value and the path where it is really written. */
function deref(root: unknown, at: At): At {
  let current = at;
  for (let hops = 0; hops < 32; hops++) {
    const ref = isRecord(current.value) ? current.value.$ref : undefined;
    if (typeof ref !== 'string' || !ref.startsWith('#/')) return current;
    const path = ref
      .slice(2)
      .split('/')
      .map((t) => decodeURIComponent(t).replace(/~1/g, '/').replace(/~0/g, '~'));
    let value: unknown = root;
    for (const key of path)
      value = isRecord(value) || Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
    current = { value, path };
  }
  return current;
}

/**
 * Every `code` enum value reachable from an error response's problem+json schema, with the path of
 * the enum item (after `$ref`s, so one shared Problem schema yields each code once).
 */
export function problemCodeEnums(openapi: unknown): Map<string, JsonPath> {
  const codes = new Map<string, JsonPath>();
  const seenSchemas = new Set<string>();
  const visitSchema = (schemaAt: At) => {
    const s = deref(openapi, schemaAt);
    const key = s.path.join('\u0000');
    if (seenSchemas.has(key) || !isRecord(s.value)) return;
    seenSchemas.add(key);
    const props = s.value.properties;
    const code = isRecord(props)
      ? deref(openapi, { value: props.code, path: [...s.path, 'properties', 'code'] })
      : undefined;
    if (code && isRecord(code.value) && Array.isArray(code.value.enum)) {
      code.value.enum.forEach((v, i) => {
        if (typeof v === 'string' && !codes.has(v)) codes.set(v, [...code.path, 'enum', i]);
      });
    }
    if (Array.isArray(s.value.allOf)) {
      s.value.allOf.forEach((part, i) => visitSchema({ value: part, path: [...s.path, 'allOf', i] }));
    }
  };
  const paths = isRecord(openapi) && isRecord(openapi.paths) ? openapi.paths : {};
  for (const [p, item] of Object.entries(paths)) {
    if (!isRecord(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isRecord(op) || !isRecord(op.responses)) continue;
      for (const [status, response] of Object.entries(op.responses)) {
        if (!ERROR_STATUS.test(status)) continue;
        const r = deref(openapi, { value: response, path: ['paths', p, method, 'responses', status] });
        const content = isRecord(r.value) && isRecord(r.value.content) ? r.value.content : {};
        const media = content[PROBLEM];
        if (isRecord(media))
          visitSchema({ value: media.schema, path: [...r.path, 'content', PROBLEM, 'schema'] });
      }
    }
  }
  return codes;
}
