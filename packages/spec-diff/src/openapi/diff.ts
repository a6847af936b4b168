import { isObject } from '../deref.js';
import { emit, type Sink } from '../rules/emit.js';
import { ptr } from '../pointer.js';
import { sub, type Where } from '../schema/context.js';
import { METHODS, obj, type Obj, type Run } from './common.js';
import { diffContent } from './content.js';
import { diffOperation } from './operation.js';
import { diffSecuritySchemes } from './security.js';
import { diffServers } from './servers.js';
import { sunsetPassed } from './sunset.js';

/** `/orders/{id}` and `/orders/{orderId}` are the same path to a client. */
const pathShape = (p: string) => p.replace(/\{[^}]+\}/g, '{}');

const operationsOf = (item: Obj) => METHODS.filter((m) => isObject(item[m]));

function diffPaths(run: Run, [pa, pb]: [Obj, Obj]): void {
  const byShape = (paths: Obj) => new Map(Object.keys(paths).map((p) => [pathShape(p), p]));
  const [sa, sb] = [byShape(pa), byShape(pb)];
  for (const [shapeKey, oldPath] of sa) {
    if (sb.has(shapeKey)) continue;
    const item = obj(pa[oldPath]);
    const ops = operationsOf(item);
    const announced = ops.length > 0 && ops.every((m) => sunsetPassed(item[m], run.now));
    emit(
      run.sink,
      announced ? 'path-removed-after-sunset' : 'path-removed',
      [ptr('/paths', oldPath), '/paths'],
      `path ${oldPath} removed${announced ? ' (deprecated, past its Sunset date)' : ''}`,
      true,
    );
  }
  for (const [shapeKey, newPath] of sb) {
    const oldPath = sa.get(shapeKey);
    const itemAt: Where = [oldPath === undefined ? '/paths' : ptr('/paths', oldPath), ptr('/paths', newPath)];
    if (oldPath === undefined) {
      emit(run.sink, 'path-added', itemAt, `path ${newPath} added`);
      continue;
    }
    const [ia, ib] = [obj(pa[oldPath]), obj(pb[newPath])];
    for (const m of METHODS) {
      const at = sub(itemAt, m);
      const label = `${m.toUpperCase()} ${newPath}`;
      if (isObject(ia[m]) && !isObject(ib[m])) {
        const announced = sunsetPassed(ia[m], run.now);
        emit(
          run.sink,
          announced ? 'operation-removed-after-sunset' : 'operation-removed',
          [at[0], itemAt[1]],
          `${label} removed${announced ? ' (deprecated, past its Sunset date)' : ''}`,
          true,
        );
      }
      if (!isObject(ia[m]) && isObject(ib[m]))
        emit(run.sink, 'operation-added', [itemAt[0], at[1]], `${label} added`);
      if (isObject(ia[m]) && isObject(ib[m]))
        diffOperation(run, {
          paths: [oldPath, newPath],
          items: [ia, ib],
          ops: [obj(ia[m]), obj(ib[m])],
          itemAt,
          at,
        });
    }
  }
}

/**
 * OpenAPI 3.1 webhooks: the API is the sender, so the payload it posts is compared like a response
 * (subscribers rely on it) and a webhook that disappears breaks them.
 */
function diffWebhooks(run: Run, [wa, wb]: [Obj, Obj]): void {
  for (const name of Object.keys(wa))
    if (!(name in wb))
      emit(
        run.sink,
        'webhook-removed',
        [ptr('/webhooks', name), '/webhooks'],
        `webhook ${name} removed`,
        true,
      );
  for (const [name, itemB] of Object.entries(wb)) {
    const itemAt: Where = [name in wa ? ptr('/webhooks', name) : '/webhooks', ptr('/webhooks', name)];
    if (!(name in wa)) {
      emit(run.sink, 'webhook-added', itemAt, `webhook ${name} added`);
      continue;
    }
    const [ia, ib] = [obj(wa[name]), obj(itemB)];
    for (const m of METHODS) {
      const at = sub(itemAt, m);
      if (isObject(ia[m]) && !isObject(ib[m]))
        emit(
          run.sink,
          'webhook-removed',
          [at[0], itemAt[1]],
          `webhook ${name} ${m.toUpperCase()} removed`,
          true,
        );
      if (!isObject(ia[m]) && isObject(ib[m]))
        emit(run.sink, 'webhook-added', [itemAt[0], at[1]], `webhook ${name} ${m.toUpperCase()} added`);
      if (!isObject(ia[m]) || !isObject(ib[m])) continue;
      const [ba, bb] = [obj(obj(ia[m]).requestBody), obj(obj(ib[m]).requestBody)];
      diffContent(run, [ba, bb], sub(at, 'requestBody'), 'webhook');
    }
  }
}

/** Breaking-change detection between two dereferenced OpenAPI 3.x documents. */
export function diffOpenApi(a: Obj, b: Obj, sink: Sink, now: Date): void {
  const run: Run = { sink, done: new Set(), now, docs: [a, b] };
  diffServers(run, [a, b]);
  diffPaths(run, [obj(a.paths), obj(b.paths)]);
  diffWebhooks(run, [obj(a.webhooks), obj(b.webhooks)]);
  diffSecuritySchemes(run);
}
