import { isObject } from '../deref.js';
import { emit, type Sink } from '../rules/emit.js';
import { ptr } from '../pointer.js';
import { sub, type Where } from '../schema/context.js';
import { METHODS, obj, type Obj, type Run } from './common.js';
import { diffOperation } from './operation.js';
import { diffWebhooks } from './outbound.js';
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

/** Breaking-change detection between two dereferenced OpenAPI 3.x documents. */
export function diffOpenApi(a: Obj, b: Obj, sink: Sink, now: Date): void {
  const run: Run = { sink, done: new Set(), now, docs: [a, b] };
  diffServers(run, [a, b]);
  diffPaths(run, [obj(a.paths), obj(b.paths)]);
  diffWebhooks(run, [obj(a.webhooks), obj(b.webhooks)]);
  diffSecuritySchemes(run);
}
