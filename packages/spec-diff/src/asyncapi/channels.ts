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
 * What the service does with a channel's messages (all, or the one named): `send` (it publishes: consumers rely on the messages, like a
 * response), `receive` (it consumes: producers rely on them being accepted, like a request), both,
 * or neither (no operation: compared as sent, the safe side).
 */
export function actionsOn(channelId: string, raw: Obj, messageId?: string): Set<'send' | 'receive'> {
  const actions = new Set<'send' | 'receive'>();
  const channel = obj(obj(raw.channels)[channelId]);
  for (const op of Object.values(obj(raw.operations))) {
    if (!isObject(op) || channelOf(op, raw) !== channelId) continue;
    if (messageId !== undefined && !carries(op, messageId, channel)) continue;
    if (op.action === 'send' || op.action === 'receive') actions.add(op.action);
  }
  if (actions.size === 0) actions.add('send');
  return actions;
}

/**
 * Whether an operation carries a message of its channel: every message when it lists none, else the
 * ones its `messages` refs name (`#/channels/<id>/messages/<message>`), or whose target is the same
 * `$ref` as the channel's message.
 */
function carries(op: Obj, messageId: string, channel: Obj): boolean {
  if (!Array.isArray(op.messages)) return true;
  const own = obj(obj(channel.messages)[messageId]).$ref;
  return op.messages.some((m) => {
    const ref = obj(m).$ref;
    if (typeof ref !== 'string') return false;
    return unescape(ref.split('/').pop() ?? '') === messageId || (typeof own === 'string' && ref === own);
  });
}
