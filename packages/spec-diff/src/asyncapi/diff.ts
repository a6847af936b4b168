import { originOf } from '../deref.js';
import { emit, type Sink } from '../rules/emit.js';
import { ptr } from '../pointer.js';
import { sub, type Where } from '../schema/context.js';
import { diffSchema } from '../schema/diff.js';
import { obj, type Obj } from '../openapi/common.js';
import { actionsOn, channelOf, matchChannels } from './channels.js';
import { diffServers, securityChange } from './servers.js';

const messageSchema = (v: unknown) => {
  const o = obj(v);
  return 'schemaFormat' in o && 'schema' in o ? o.schema : v;
};

interface Docs {
  sink: Sink;
  done: Set<string>;
  /** dereferenced old / new, and as written (their `$ref`s name the channels operations use). */
  deref: [Obj, Obj];
  raw: [Obj, Obj];
}

function diffMessages(d: Docs, [x, y]: [Obj, Obj], at: Where, ids: [string, string]): void {
  const [ma, mb] = [obj(x.messages), obj(y.messages)];
  for (const m of Object.keys(ma))
    if (!(m in mb))
      emit(
        d.sink,
        'message-removed',
        [sub(at, 'messages', m)[0], sub(at, 'messages')[1]],
        `message ${m} removed`,
        true,
      );
  for (const [m, msgB] of Object.entries(mb)) {
    if (!(m in ma)) {
      emit(
        d.sink,
        'message-added',
        [sub(at, 'messages')[0], originOf(msgB) ?? sub(at, 'messages', m)[1]],
        `message ${m} added`,
      );
      continue;
    }
    const [p, q] = [obj(ma[m]), obj(msgB)];
    const mp: Where = [originOf(p) ?? sub(at, 'messages', m)[0], originOf(q) ?? sub(at, 'messages', m)[1]];
    const ct = (msg: Obj, doc: Obj) => msg.contentType ?? doc.defaultContentType;
    const [cta, ctb] = [ct(p, d.deref[0]), ct(q, d.deref[1])];
    if (cta !== ctb)
      emit(
        d.sink,
        'message-content-type-changed',
        sub(mp, 'contentType'),
        `content type ${String(cta)} → ${String(ctb)}`,
      );
    // A message the service both sends and receives is compared both ways; the stricter one wins.
    for (const action of actionsOn(ids[1], d.raw[1], m)) {
      const prefix = action === 'receive' ? 'inbound-event' : 'event';
      const direction = action === 'receive' ? 'input' : 'output';
      diffSchema(
        messageSchema(p.payload),
        messageSchema(q.payload),
        sub(mp, 'payload'),
        direction,
        prefix,
        d.sink,
        d.done,
      );
      diffSchema(
        messageSchema(p.headers),
        messageSchema(q.headers),
        sub(mp, 'headers'),
        direction,
        `${prefix}-header`,
        d.sink,
        d.done,
      );
    }
  }
}

function diffChannels(d: Docs): Map<string, string> {
  const [ca, cb] = [obj(d.deref[0].channels), obj(d.deref[1].channels)];
  const { pairs, renamed } = matchChannels(ca, cb);
  const matchedOld = new Set(pairs.values());
  for (const id of Object.keys(ca))
    if (!matchedOld.has(id))
      emit(d.sink, 'channel-removed', [ptr('/channels', id), '/channels'], `channel ${id} removed`, true);
  for (const [id, channelB] of Object.entries(cb)) {
    const old = pairs.get(id);
    const at: Where = [old === undefined ? '/channels' : ptr('/channels', old), ptr('/channels', id)];
    if (old === undefined) {
      emit(d.sink, 'channel-added', at, `channel ${id} added`);
      continue;
    }
    if (renamed.has(id)) emit(d.sink, 'channel-renamed', at, `channel ${old} renamed ${id} (same address)`);
    const [x, y] = [obj(ca[old]), obj(channelB)];
    if (x.address !== y.address)
      emit(
        d.sink,
        'channel-address-changed',
        sub(at, 'address'),
        `address ${String(x.address)} → ${String(y.address)}`,
      );
    diffMessages(d, [x, y], at, [old, id]);
  }
  return pairs;
}

/** Operation security: an alternative a client used that is gone (or security where there was none) breaks it. */
function diffOperationSecurity(d: Docs, [x, y]: [Obj, Obj], at: Where): void {
  const change = securityChange(x, y);
  if (change)
    emit(d.sink, `operation-security-${change}`, sub(at, 'security'), `operation security ${change}`);
}

function diffOperations(d: Docs, channelPairs: Map<string, string>): void {
  const [oa, ob] = [obj(d.deref[0].operations), obj(d.deref[1].operations)];
  for (const id of Object.keys(oa))
    if (!(id in ob))
      emit(
        d.sink,
        'operation-removed',
        [ptr('/operations', id), '/operations'],
        `operation ${id} removed`,
        true,
      );
  for (const [id, opB] of Object.entries(ob)) {
    const at: Where = [id in oa ? ptr('/operations', id) : '/operations', ptr('/operations', id)];
    if (!(id in oa)) {
      emit(d.sink, 'operation-added', at, `operation ${id} added`);
      continue;
    }
    const [x, y] = [obj(oa[id]), obj(opB)];
    if (x.action !== y.action)
      emit(
        d.sink,
        'operation-action-changed',
        sub(at, 'action'),
        `action ${String(x.action)} → ${String(y.action)}`,
      );
    const chA = channelOf(obj(obj(d.raw[0].operations)[id]), d.raw[0]);
    const chB = channelOf(obj(obj(d.raw[1].operations)[id]), d.raw[1]);
    if ((chA !== undefined || chB !== undefined) && (chB === undefined || channelPairs.get(chB) !== chA))
      emit(
        d.sink,
        'operation-channel-changed',
        sub(at, 'channel'),
        `channel ${String(chA)} → ${String(chB)}`,
      );
    diffOperationSecurity(d, [x, y], at);
  }
}

/**
 * Breaking-change detection between two AsyncAPI 3 documents. `raw*` are the documents as written,
 * `a`/`b` the dereferenced ones.
 */
export function diffAsyncApi(a: Obj, b: Obj, rawA: Obj, rawB: Obj, sink: Sink): void {
  const d: Docs = { sink, done: new Set(), deref: [a, b], raw: [rawA, rawB] };
  diffServers(sink, [obj(a.servers), obj(b.servers)]);
  const pairs = diffChannels(d);
  diffOperations(d, pairs);
}
