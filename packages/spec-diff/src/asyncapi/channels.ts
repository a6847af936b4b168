import { isObject } from '../deref.js';
import { obj, type Obj } from '../openapi/common.js';

const unescape = (token: string) => decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~');

/** The id of the channel an operation uses, from its raw `$ref` (or, dereferenced, by address). */
export function channelOf(op: Obj, raw: Obj): string | undefined {
  const ref = obj(op.channel).$ref;
  if (typeof ref === 'string') return unescape(ref.replace(/^#\/channels\//, ''));
  const address = obj(op.channel).address;
  return Object.entries(obj(raw.channels)).find(([, c]) => obj(c).address === address)?.[0];
}

/**
 * Pairs the channels of two versions: by id, then (for the rest) by address, so renaming a channel
 * id that keeps its address is a rename, not remove + add. Returns new id → old id.
 */
export function matchChannels(ca: Obj, cb: Obj): { pairs: Map<string, string>; renamed: Set<string> } {
  const pairs = new Map<string, string>();
  const renamed = new Set<string>();
  for (const id of Object.keys(cb)) if (id in ca) pairs.set(id, id);
  const taken = new Set(pairs.values());
  const byAddress = new Map<unknown, string>();
  for (const [id, c] of Object.entries(ca))
    if (!taken.has(id) && typeof obj(c).address === 'string' && !byAddress.has(obj(c).address))
      byAddress.set(obj(c).address, id);
  for (const [id, c] of Object.entries(cb)) {
    if (pairs.has(id)) continue;
    const old = byAddress.get(obj(c).address);
    if (old !== undefined && !taken.has(old)) {
      pairs.set(id, old);
      taken.add(old);
      renamed.add(id);
    }
  }
  return { pairs, renamed };
}

/**
 * What the service does on a channel: `send` (it publishes: consumers rely on the messages, like a
 * response), `receive` (it consumes: producers rely on them being accepted, like a request), both,
 * or neither (no operation: compared as sent, the safe side).
 */
export function actionsOn(channelId: string, raw: Obj): Set<'send' | 'receive'> {
  const actions = new Set<'send' | 'receive'>();
  for (const op of Object.values(obj(raw.operations))) {
    if (!isObject(op) || channelOf(op, raw) !== channelId) continue;
    if (op.action === 'send' || op.action === 'receive') actions.add(op.action);
  }
  if (actions.size === 0) actions.add('send');
  return actions;
}
