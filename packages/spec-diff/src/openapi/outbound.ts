import { isObject } from '../deref.js';
import { emit } from '../rules/emit.js';
import { sub, type Where } from '../schema/context.js';
import { METHODS, obj, type Obj, type Run } from './common.js';
import { diffContent } from './content.js';

/** A path item the API calls (a webhook, or a callback of an operation), with its pointer tokens. */
interface Outbound {
  label: string;
  item: Obj;
  tokens: string[];
}

/**
 * Requests the API sends — OpenAPI 3.1 webhooks and the callbacks of operations: subscribers rely
 * on them, so one that disappears breaks them and its payload is compared like a response (schema
 * rules `webhook-*`).
 */
function diffOutbound(
  run: Run,
  [la, lb]: [Map<string, Outbound>, Map<string, Outbound>],
  base: Where,
  kind: 'webhook' | 'callback',
): void {
  for (const [key, { label, tokens }] of la)
    if (!lb.has(key))
      emit(run.sink, `${kind}-removed`, [sub(base, ...tokens)[0], base[1]], `${kind} ${label} removed`, true);
  for (const [key, { label, item, tokens }] of lb) {
    const old = la.get(key);
    const itemAt: Where = [old ? sub(base, ...old.tokens)[0] : base[0], sub(base, ...tokens)[1]];
    if (!old) {
      emit(run.sink, `${kind}-added`, itemAt, `${kind} ${label} added`);
      continue;
    }
    for (const m of METHODS) {
      const at = sub(itemAt, m);
      const [x, y] = [old.item[m], item[m]];
      if (isObject(x) && !isObject(y))
        emit(
          run.sink,
          `${kind}-removed`,
          [at[0], itemAt[1]],
          `${kind} ${label} ${m.toUpperCase()} removed`,
          true,
        );
      if (!isObject(x) && isObject(y))
        emit(run.sink, `${kind}-added`, [itemAt[0], at[1]], `${kind} ${label} ${m.toUpperCase()} added`);
      if (isObject(x) && isObject(y))
        diffContent(run, [obj(x.requestBody), obj(y.requestBody)], sub(at, 'requestBody'), 'webhook');
    }
  }
}

export function diffWebhooks(run: Run, [wa, wb]: [Obj, Obj]): void {
  const list = (w: Obj) =>
    new Map(
      Object.entries(w).map(([name, item]) => [name, { label: name, item: obj(item), tokens: [name] }]),
    );
  diffOutbound(run, [list(wa), list(wb)], ['/webhooks', '/webhooks'], 'webhook');
}

/** Callbacks of one operation (`callbacks.<name>.<expression>`). */
export function diffCallbacks(run: Run, [opA, opB]: [Obj, Obj], at: Where): void {
  const list = (op: Obj) =>
    new Map(
      Object.entries(obj(op.callbacks)).flatMap(([name, cb]) =>
        Object.entries(obj(cb)).map(([expr, item]) => [
          `${name} ${expr}`,
          { label: `${name} ${expr}`, item: obj(item), tokens: [name, expr] },
        ]),
      ),
    );
  const [la, lb] = [list(opA), list(opB)];
  if (la.size === 0 && lb.size === 0) return;
  diffOutbound(run, [la, lb], sub(at, 'callbacks'), 'callback');
}
