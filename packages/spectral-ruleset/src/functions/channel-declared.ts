import { createRulesetFunction } from '@stoplight/spectral-core';
import { isObject, type JsonObject } from './schema-utils.js';

const CHANNEL_REF = /^#\/channels\/([^/]+)$/;
const MESSAGE_REF = /^#\/channels\/([^/]+)\/messages\/([^/]+)$/;
const unescape = (token: string) => decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~');

/**
 * An AsyncAPI 3 operation references a channel declared in this document (`#/channels/<id>`), and
 * each of its messages is a message of that same channel. Runs on the unresolved document so the
 * `$ref`s are visible.
 */
export const channelDeclared = createRulesetFunction<JsonObject, null>(
  { input: { type: 'object' }, options: null },
  (operation, _options, { path, document }) => {
    const root = isObject(document.data) ? document.data : {};
    const channels = isObject(root.channels) ? root.channels : {};
    const ref = isObject(operation.channel) ? operation.channel.$ref : undefined;
    const match = typeof ref === 'string' ? CHANNEL_REF.exec(ref) : null;
    if (!match) {
      return [{ message: 'operation channel must be a $ref to #/channels/<id>', path: [...path, 'channel'] }];
    }
    const id = unescape(match[1]);
    const channel = channels[id];
    if (!isObject(channel)) {
      return [
        { message: `operation references undeclared channel "${id}"`, path: [...path, 'channel', '$ref'] },
      ];
    }
    const declared = isObject(channel.messages) ? channel.messages : {};
    const results = [];
    const messages = Array.isArray(operation.messages) ? operation.messages : [];
    for (const [i, m] of messages.entries()) {
      const mref = isObject(m) ? m.$ref : undefined;
      const mm = typeof mref === 'string' ? MESSAGE_REF.exec(mref) : null;
      if (!mm || unescape(mm[1]) !== id || !(unescape(mm[2]) in declared)) {
        results.push({
          message: `operation message must reference a message of channel "${id}" (#/channels/${id}/messages/<id>)`,
          path: [...path, 'messages', i],
        });
      }
    }
    return results;
  },
);
