import { isObject, originOf } from './deref.js';
import { ptr } from './pointer.js';
import { diffSchema } from './schema-diff.js';
import type { Change, ChangeClass } from './types.js';

/** OpenAPI rules other than the schema ones (those are `request-*` / `response-*` from SCHEMA_RULES). */
export const OPENAPI_RULES = {
  'path-removed': 'breaking',
  'path-added': 'non-breaking',
  'operation-removed': 'breaking',
  'operation-added': 'non-breaking',
  'parameter-added-required': 'breaking',
  'parameter-added': 'non-breaking',
  'parameter-removed': 'non-breaking',
  'parameter-became-required': 'breaking',
  'parameter-became-optional': 'non-breaking',
  'request-body-added-required': 'breaking',
  'request-body-became-required': 'breaking',
  'request-body-became-optional': 'non-breaking',
  'request-body-removed': 'breaking',
  'request-media-type-removed': 'breaking',
  'request-media-type-added': 'non-breaking',
  'response-removed': 'breaking',
  'response-added': 'non-breaking',
  'response-media-type-removed': 'breaking',
  'response-media-type-added': 'non-breaking',
  'security-added': 'breaking',
  'security-removed': 'non-breaking',
  'security-requirement-removed': 'breaking',
  'security-requirement-added': 'non-breaking',
  'security-scheme-changed': 'breaking',
} as const satisfies Record<string, ChangeClass>;

type Rule = keyof typeof OPENAPI_RULES;
type Obj = Record<string, unknown>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;
const obj = (v: unknown): Obj => (isObject(v) ? v : {});

function change(out: Change[], rule: Rule, pointer: string, message: string): void {
  out.push({ rule, class: OPENAPI_RULES[rule], pointer, message });
}

/** `/orders/{id}` and `/orders/{orderId}` are the same path to a client. */
const pathShape = (p: string) => p.replace(/\{[^}]+\}/g, '{}');

/**
 * Parameters of an operation (path-level ones merged in, operation-level winning), keyed so that
 * the same parameter matches across versions: `in:name`, header names case-insensitively, and path
 * parameters by their position in the template (renaming `{id}` is not visible to a client).
 */
function operationParameters(path: string, item: Obj, itemPtr: string, op: Obj, opPtr: string) {
  const placeholders = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const map = new Map<string, { param: Obj; pointer: string }>();
  const add = (list: unknown, base: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((p, i) => {
      if (!isObject(p) || typeof p.name !== 'string') return;
      // path parameters are positional: a rename is not a client-visible change
      const name =
        p.in === 'header'
          ? p.name.toLowerCase()
          : p.in === 'path'
            ? `#${placeholders.indexOf(p.name)}`
            : p.name;
      map.set(`${String(p.in)}:${name}`, { param: p, pointer: originOf(p) ?? ptr(base, 'parameters', i) });
    });
  };
  add(item.parameters, itemPtr);
  add(op.parameters, opPtr); // operation-level wins, as in OpenAPI
  return map;
}

function securitySignature(requirement: unknown): string {
  return JSON.stringify(
    Object.entries(obj(requirement))
      .map(([k, v]) => [k, Array.isArray(v) ? [...v].sort() : []])
      .sort(),
  );
}

function diffSecurity(a: Obj, b: Obj, opA: Obj, opB: Obj, at: string, out: Change[]): void {
  const effective = (root: Obj, op: Obj) =>
    Array.isArray(op.security) ? op.security : Array.isArray(root.security) ? root.security : [];
  const [sa, sb] = [effective(a, opA), effective(b, opB)];
  const anonymous = (list: unknown[]) =>
    list.length === 0 || list.some((r) => Object.keys(obj(r)).length === 0);
  if (anonymous(sa) && !anonymous(sb)) {
    change(out, 'security-added', ptr(at, 'security'), 'authentication is now required');
    return;
  }
  if (!anonymous(sa) && anonymous(sb)) {
    change(out, 'security-removed', ptr(at, 'security'), 'authentication is no longer required');
    return;
  }
  const [ka, kb] = [new Set(sa.map(securitySignature)), new Set(sb.map(securitySignature))];
  for (const s of ka)
    if (!kb.has(s))
      change(out, 'security-requirement-removed', ptr(at, 'security'), `security requirement ${s} removed`);
  for (const s of kb)
    if (!ka.has(s))
      change(out, 'security-requirement-added', ptr(at, 'security'), `security requirement ${s} added`);
}

function diffContent(
  a: Obj,
  b: Obj,
  here: string,
  kind: 'request' | 'response',
  out: Change[],
  done: Set<string>,
): void {
  // A shared response / request body component is compared once, where it is written.
  const at = originOf(b) ?? here;
  if (done.has(`content ${at}`)) return;
  done.add(`content ${at}`);
  const [ca, cb] = [obj(a.content), obj(b.content)];
  for (const type of Object.keys(ca)) {
    if (!(type in cb))
      change(out, `${kind}-media-type-removed`, ptr(at, 'content', type), `media type ${type} removed`);
  }
  for (const type of Object.keys(cb)) {
    const p = ptr(at, 'content', type);
    if (!(type in ca)) {
      change(out, `${kind}-media-type-added`, p, `media type ${type} added`);
      continue;
    }
    diffSchema(
      obj(ca[type]).schema,
      obj(cb[type]).schema,
      ptr(p, 'schema'),
      kind === 'request' ? 'input' : 'output',
      kind,
      out,
      done,
    );
  }
}

function diffOperation(
  a: Obj,
  b: Obj,
  paths: [string, string],
  items: [Obj, Obj],
  ops: [Obj, Obj],
  at: string,
  itemPtr: string,
  out: Change[],
  done: Set<string>,
): void {
  const [opA, opB] = ops;
  // Parameters.
  const pa = operationParameters(paths[0], items[0], itemPtr, opA, at);
  const pb = operationParameters(paths[1], items[1], itemPtr, opB, at);
  for (const [k, { param, pointer }] of pb) {
    const old = pa.get(k);
    const label = `${String(param.in)} parameter ${String(param.name)}`;
    if (!old) {
      if (param.required === true) change(out, 'parameter-added-required', pointer, `new required ${label}`);
      else change(out, 'parameter-added', pointer, `new optional ${label}`);
      continue;
    }
    if (old.param.required !== true && param.required === true)
      change(out, 'parameter-became-required', pointer, `${label} became required`);
    if (old.param.required === true && param.required !== true)
      change(out, 'parameter-became-optional', pointer, `${label} became optional`);
    diffSchema(old.param.schema, param.schema, ptr(pointer, 'schema'), 'input', 'request', out, done);
  }
  for (const [k, { param, pointer }] of pa) {
    if (!pb.has(k))
      change(
        out,
        'parameter-removed',
        pointer,
        `${String(param.in)} parameter ${String(param.name)} removed`,
      );
  }
  // Request body.
  const [ba, bb] = [opA.requestBody, opB.requestBody];
  const bodyPtr = ptr(at, 'requestBody');
  if (!isObject(ba) && isObject(bb) && bb.required === true)
    change(out, 'request-body-added-required', bodyPtr, 'a required request body was added');
  if (isObject(ba) && !isObject(bb))
    change(out, 'request-body-removed', bodyPtr, 'the request body was removed');
  if (isObject(ba) && isObject(bb)) {
    if (ba.required !== true && bb.required === true)
      change(out, 'request-body-became-required', bodyPtr, 'the request body became required');
    if (ba.required === true && bb.required !== true)
      change(out, 'request-body-became-optional', bodyPtr, 'the request body became optional');
    diffContent(ba, bb, bodyPtr, 'request', out, done);
  }
  // Responses.
  const [ra, rb] = [obj(opA.responses), obj(opB.responses)];
  for (const status of Object.keys(ra)) {
    if (!(status in rb))
      change(out, 'response-removed', ptr(at, 'responses', status), `response ${status} removed`);
  }
  for (const status of Object.keys(rb)) {
    const p = ptr(at, 'responses', status);
    if (!(status in ra)) change(out, 'response-added', p, `response ${status} added`);
    else diffContent(obj(ra[status]), obj(rb[status]), p, 'response', out, done);
  }
  diffSecurity(a, b, opA, opB, at, out);
}

/** Breaking-change detection between two dereferenced OpenAPI 3.x documents. */
export function diffOpenApi(a: Obj, b: Obj): Change[] {
  const out: Change[] = [];
  const done = new Set<string>();
  const [pa, pb] = [obj(a.paths), obj(b.paths)];
  const byShape = (paths: Obj) => new Map(Object.keys(paths).map((p) => [pathShape(p), p]));
  const [sa, sb] = [byShape(pa), byShape(pb)];
  for (const [shapeKey, oldPath] of sa) {
    if (!sb.has(shapeKey)) change(out, 'path-removed', ptr('/paths', oldPath), `path ${oldPath} removed`);
  }
  for (const [shapeKey, newPath] of sb) {
    const itemPtr = ptr('/paths', newPath);
    const oldPath = sa.get(shapeKey);
    if (oldPath === undefined) {
      change(out, 'path-added', itemPtr, `path ${newPath} added`);
      continue;
    }
    const [ia, ib] = [obj(pa[oldPath]), obj(pb[newPath])];
    for (const m of METHODS) {
      if (isObject(ia[m]) && !isObject(ib[m]))
        change(out, 'operation-removed', ptr(itemPtr, m), `${m.toUpperCase()} ${newPath} removed`);
      if (!isObject(ia[m]) && isObject(ib[m]))
        change(out, 'operation-added', ptr(itemPtr, m), `${m.toUpperCase()} ${newPath} added`);
      if (isObject(ia[m]) && isObject(ib[m]))
        diffOperation(
          a,
          b,
          [oldPath, newPath],
          [ia, ib],
          [obj(ia[m]), obj(ib[m])],
          ptr(itemPtr, m),
          itemPtr,
          out,
          done,
        );
    }
  }
  // Security schemes the new document still uses must mean the same thing.
  const [ka, kb] = [obj(obj(a.components).securitySchemes), obj(obj(b.components).securitySchemes)];
  for (const [name, scheme] of Object.entries(kb)) {
    const old = ka[name];
    if (!isObject(old) || !isObject(scheme)) continue;
    for (const field of ['type', 'scheme', 'in', 'name', 'bearerFormat', 'openIdConnectUrl'] as const) {
      if (old[field] !== scheme[field]) {
        change(
          out,
          'security-scheme-changed',
          ptr('/components/securitySchemes', name, field),
          `security scheme ${name}: ${field} ${String(old[field])} → ${String(scheme[field])}`,
        );
      }
    }
  }
  return out;
}
