import { isObject, originOf } from './deref.js';
import { ptr } from './pointer.js';
import { diffSchema } from './schema-diff.js';
import type { Change, ChangeClass } from './types.js';

/**
 * AsyncAPI 3 rules other than the schema ones. Message schemas are compared as `event-*` (messages
 * the service sends: consumers rely on them, like a response) or `inbound-event-*` (messages it
 * receives: producers rely on them being accepted, like a request).
 */
export const ASYNCAPI_RULES = {
  'channel-removed': 'breaking',
  'channel-added': 'non-breaking',
  'channel-address-changed': 'breaking',
  'operation-removed': 'breaking',
  'operation-added': 'non-breaking',
  'operation-action-changed': 'breaking',
  'operation-channel-changed': 'breaking',
  'message-removed': 'breaking',
  'message-added': 'non-breaking',
  'message-content-type-changed': 'breaking',
} as const satisfies Record<string, ChangeClass>;

type Rule = keyof typeof ASYNCAPI_RULES;
type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (isObject(v) ? v : {});

function change(out: Change[], rule: Rule, pointer: string, message: string): void {
  out.push({ rule, class: ASYNCAPI_RULES[rule], pointer, message });
}

/** Channels by id, with the id of the channel each operation uses (from the raw `$ref`). */
function channelOf(op: Obj, raw: Obj): string | undefined {
  const ref = obj(op.channel).$ref;
  if (typeof ref === 'string')
    return decodeURIComponent(ref.replace(/^#\/channels\//, ''))
      .replace(/~1/g, '/')
      .replace(/~0/g, '~');
  // dereferenced: find the channel object with the same address
  const address = obj(op.channel).address;
  return Object.entries(obj(raw.channels)).find(([, c]) => obj(c).address === address)?.[0];
}

/** `send` when the service publishes on the channel (any operation), `receive` when it only consumes. */
function actionOf(channelId: string, raw: Obj): 'send' | 'receive' {
  const actions = Object.values(obj(raw.operations))
    .filter((op) => channelOf(obj(op), raw) === channelId)
    .map((op) => obj(op).action);
  return actions.length > 0 && actions.every((a) => a === 'receive') ? 'receive' : 'send';
}

const messageSchema = (v: unknown) => {
  const o = obj(v);
  return 'schemaFormat' in o && 'schema' in o ? o.schema : v;
};

/**
 * Breaking-change detection between two AsyncAPI 3 documents. `raw*` are the documents as written
 * (their `$ref`s name the channels operations use), `a`/`b` the dereferenced ones.
 */
export function diffAsyncApi(a: Obj, b: Obj, rawA: Obj, rawB: Obj): Change[] {
  const out: Change[] = [];
  const done = new Set<string>();
  const [ca, cb] = [obj(a.channels), obj(b.channels)];
  for (const id of Object.keys(ca))
    if (!(id in cb)) change(out, 'channel-removed', ptr('/channels', id), `channel ${id} removed`);
  for (const [id, channelB] of Object.entries(cb)) {
    const at = ptr('/channels', id);
    if (!(id in ca)) {
      change(out, 'channel-added', at, `channel ${id} added`);
      continue;
    }
    const [x, y] = [obj(ca[id]), obj(channelB)];
    if (x.address !== y.address) {
      change(
        out,
        'channel-address-changed',
        ptr(at, 'address'),
        `address ${String(x.address)} → ${String(y.address)}`,
      );
    }
    const [ma, mb] = [obj(x.messages), obj(y.messages)];
    for (const m of Object.keys(ma))
      if (!(m in mb)) change(out, 'message-removed', ptr(at, 'messages', m), `message ${m} removed`);
    const inbound = actionOf(id, rawB) === 'receive';
    for (const [m, msgB] of Object.entries(mb)) {
      const mp = originOf(msgB) ?? ptr(at, 'messages', m);
      if (!(m in ma)) {
        change(out, 'message-added', mp, `message ${m} added`);
        continue;
      }
      const [p, q] = [obj(ma[m]), obj(msgB)];
      const ct = (msg: Obj, doc: Obj) => msg.contentType ?? doc.defaultContentType;
      if (ct(p, a) !== ct(q, b)) {
        change(
          out,
          'message-content-type-changed',
          ptr(mp, 'contentType'),
          `content type ${String(ct(p, a))} → ${String(ct(q, b))}`,
        );
      }
      const prefix = inbound ? 'inbound-event' : 'event';
      const direction = inbound ? 'input' : 'output';
      diffSchema(
        messageSchema(p.payload),
        messageSchema(q.payload),
        ptr(mp, 'payload'),
        direction,
        prefix,
        out,
        done,
      );
      diffSchema(
        messageSchema(p.headers),
        messageSchema(q.headers),
        ptr(mp, 'headers'),
        direction,
        `${prefix}-header`,
        out,
        done,
      );
    }
  }
  const [oa, ob] = [obj(a.operations), obj(b.operations)];
  for (const id of Object.keys(oa))
    if (!(id in ob)) change(out, 'operation-removed', ptr('/operations', id), `operation ${id} removed`);
  for (const [id, opB] of Object.entries(ob)) {
    const at = ptr('/operations', id);
    if (!(id in oa)) {
      change(out, 'operation-added', at, `operation ${id} added`);
      continue;
    }
    const [x, y] = [obj(oa[id]), obj(opB)];
    if (x.action !== y.action)
      change(
        out,
        'operation-action-changed',
        ptr(at, 'action'),
        `action ${String(x.action)} → ${String(y.action)}`,
      );
    const [chA, chB] = [
      channelOf(obj(obj(rawA.operations)[id]), rawA),
      channelOf(obj(obj(rawB.operations)[id]), rawB),
    ];
    if (chA !== chB)
      change(out, 'operation-channel-changed', ptr(at, 'channel'), `channel ${String(chA)} → ${String(chB)}`);
  }
  return out;
}
