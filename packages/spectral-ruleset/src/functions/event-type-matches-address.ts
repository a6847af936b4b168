import { createRulesetFunction } from '@stoplight/spectral-core';
import { isObject, pinnedValue, propertyDeclarations, type JsonObject } from './schema-utils.js';

/**
 * Each message of a channel pins its CloudEvents `type` (a `const`, or a one-value `enum`) to the
 * channel address, so the subject a consumer subscribes to and the event type it receives agree.
 * Input: the resolved channel object.
 */
export const eventTypeMatchesAddress = createRulesetFunction<JsonObject, null>(
  { input: { type: 'object' }, options: null },
  (channel, _options, { path }) => {
    const address = channel.address;
    if (typeof address !== 'string') return; // the naming rule reports a missing address
    const messages = isObject(channel.messages) ? channel.messages : {};
    const results = [];
    for (const [id, message] of Object.entries(messages)) {
      if (!isObject(message)) continue;
      const payload =
        isObject(message.payload) && 'schemaFormat' in message.payload
          ? message.payload.schema
          : message.payload;
      const at = [...path, 'messages', id, 'payload'];
      const declarations = propertyDeclarations(payload, 'type', at);
      if (declarations.length === 0) continue; // the envelope rule reports a missing `type`
      const pins = declarations.filter((d) => pinnedValue(d.schema) !== undefined);
      const type = pins[0] ?? declarations[0];
      const pinned = pinnedValue(type.schema);
      if (pinned !== address) {
        results.push({
          message:
            pinned === undefined
              ? `event "type" must be pinned (const) to the channel address "${address}"`
              : `event type ${JSON.stringify(pinned)} differs from the channel address "${address}"`,
          path: type.path,
        });
      }
    }
    return results;
  },
);
