import { isObject, originOf } from '../deref.js';
import { emit } from '../rules/emit.js';
import { diffSchema } from '../schema/diff.js';
import { sub, type Where } from '../schema/context.js';
import { ptr } from '../pointer.js';
import { obj, type Obj, type Run } from './common.js';
import { diffContent } from './content.js';
import { diffCallbacks } from './outbound.js';
import { diffSecurity } from './security.js';
import { diffOperationServers } from './servers.js';

interface Located {
  param: Obj;
  pointer: string;
}

/**
 * Parameters of an operation (path-level ones merged in, operation-level winning), keyed so that
 * the same parameter matches across versions: `in:name`, header names case-insensitively, and path
 * parameters by their position in the template (renaming `{id}` is not visible to a client).
 */
function parameters(path: string, item: Obj, itemPtr: string, op: Obj, opPtr: string): Map<string, Located> {
  const placeholders = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const map = new Map<string, Located>();
  const add = (list: unknown, base: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((p, i) => {
      if (!isObject(p) || typeof p.name !== 'string') return;
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

/** How a parameter is written on the wire (OpenAPI defaults: form + explode for query and cookie, simple otherwise). */
function serialization(p: Obj): string {
  const style =
    typeof p.style === 'string' ? p.style : p.in === 'query' || p.in === 'cookie' ? 'form' : 'simple';
  const explode = typeof p.explode === 'boolean' ? p.explode : style === 'form';
  return `style ${style}, explode ${explode}`;
}

/** A parameter's schema: `schema`, or the one of its single `content` media type. */
function parameterSchema(p: Obj): { schema: unknown; at: string[] } {
  if (p.schema !== undefined) return { schema: p.schema, at: ['schema'] };
  const [type] = Object.keys(obj(p.content));
  return type === undefined
    ? { schema: undefined, at: ['schema'] }
    : { schema: obj(obj(p.content)[type]).schema, at: ['content', type, 'schema'] };
}

export interface OperationPair {
  paths: [string, string];
  items: [Obj, Obj];
  ops: [Obj, Obj];
  /** Pointers of the path items and of the operations, old and new. */
  itemAt: Where;
  at: Where;
}

function diffParameters(run: Run, { paths, items, ops, itemAt, at }: OperationPair): void {
  const pa = parameters(paths[0], items[0], itemAt[0], ops[0], at[0]);
  const pb = parameters(paths[1], items[1], itemAt[1], ops[1], at[1]);
  for (const [k, { param, pointer }] of pb) {
    const old = pa.get(k);
    const label = `${String(param.in)} parameter ${String(param.name)}`;
    if (!old) {
      const where: Where = [at[0], pointer];
      if (param.required === true) emit(run.sink, 'parameter-added-required', where, `new required ${label}`);
      else emit(run.sink, 'parameter-added', where, `new optional ${label}`);
      continue;
    }
    const where: Where = [old.pointer, pointer];
    if (old.param.required !== true && param.required === true)
      emit(run.sink, 'parameter-became-required', where, `${label} became required`);
    if (old.param.required === true && param.required !== true)
      emit(run.sink, 'parameter-became-optional', where, `${label} became optional`);
    const [sa, sb] = [serialization(old.param), serialization(param)];
    if (sa !== sb) emit(run.sink, 'parameter-style-changed', where, `${label} serialization ${sa} → ${sb}`);
    const [xa, xb] = [parameterSchema(old.param), parameterSchema(param)];
    diffSchema(
      xa.schema,
      xb.schema,
      [ptr(where[0], ...xa.at), ptr(where[1], ...xb.at)],
      'input',
      'request',
      run.sink,
      run.done,
    );
  }
  for (const [k, { param, pointer }] of pa)
    if (!pb.has(k))
      emit(
        run.sink,
        'parameter-removed',
        [pointer, at[1]],
        `${String(param.in)} parameter ${String(param.name)} removed`,
        true,
      );
}

function diffRequestBody(run: Run, [opA, opB]: [Obj, Obj], at: Where): void {
  const [ba, bb] = [opA.requestBody, opB.requestBody];
  const where = sub(at, 'requestBody');
  if (!isObject(ba) && isObject(bb) && bb.required === true)
    emit(run.sink, 'request-body-added-required', [at[0], where[1]], 'a required request body was added');
  if (isObject(ba) && !isObject(bb))
    emit(run.sink, 'request-body-removed', [where[0], at[1]], 'the request body was removed', true);
  if (!isObject(ba) || !isObject(bb)) return;
  if (ba.required !== true && bb.required === true)
    emit(run.sink, 'request-body-became-required', where, 'the request body became required');
  if (ba.required === true && bb.required !== true)
    emit(run.sink, 'request-body-became-optional', where, 'the request body became optional');
  diffContent(run, [ba, bb], where, 'request');
}

function diffResponses(run: Run, [opA, opB]: [Obj, Obj], at: Where): void {
  const [ra, rb] = [obj(opA.responses), obj(opB.responses)];
  for (const status of Object.keys(ra))
    if (!(status in rb))
      emit(
        run.sink,
        'response-removed',
        [sub(at, 'responses', status)[0], sub(at, 'responses')[1]],
        `response ${status} removed`,
        true,
      );
  for (const status of Object.keys(rb)) {
    const p = sub(at, 'responses', status);
    if (!(status in ra))
      emit(run.sink, 'response-added', [sub(at, 'responses')[0], p[1]], `response ${status} added`);
    else diffContent(run, [obj(ra[status]), obj(rb[status])], p, 'response');
  }
}

const label = ({ at, paths }: OperationPair) => `${(at[1].split('/').pop() ?? '').toUpperCase()} ${paths[1]}`;

/** Everything a client of one operation relies on. */
export function diffOperation(run: Run, pair: OperationPair): void {
  const [opA, opB] = pair.ops;
  const [ida, idb] = [opA.operationId, opB.operationId];
  if (typeof ida === 'string' && typeof idb === 'string' && ida !== idb)
    emit(run.sink, 'operation-id-changed', sub(pair.at, 'operationId'), `operationId ${ida} → ${idb}`);
  if (opA.deprecated !== true && opB.deprecated === true)
    emit(run.sink, 'operation-deprecated', pair.at, `${label(pair)} deprecated`);
  diffParameters(run, pair);
  diffRequestBody(run, pair.ops, pair.at);
  diffResponses(run, pair.ops, pair.at);
  diffSecurity(run, pair.ops, pair.at);
  diffCallbacks(run, pair.ops, pair.at);
  diffOperationServers(run, pair.items, pair.ops, pair, pair.paths[1]);
}
