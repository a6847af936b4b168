import { createRulesetFunction } from '@stoplight/spectral-core';
import { declaredProperties, isObject, pinnedValue, type JsonObject } from './schema-utils.js';

export interface CloudEventsEnvelopeOptions {
  /** Attributes every event must carry, in the payload (structured mode) or headers (binary mode). */
  attributes: string[];
  /** The CloudEvents spec version `specversion` must be pinned to, when it is pinned. */
  specversion: string;
}

/** AsyncAPI 3 lets a payload be a multi-format schema object `{ schemaFormat, schema }`. */
function schemaOf(value: unknown): unknown {
  return isObject(value) && 'schemaFormat' in value && 'schema' in value ? value.schema : value;
}

/**
 * A message carries the CloudEvents 1.0 envelope: each attribute is a property of the payload
 * (structured content mode) or a header, bare or with the `ce_` / `ce-` binary-mode prefix.
 * Input: the resolved message object.
 */
export const cloudEventsEnvelope = createRulesetFunction<JsonObject, CloudEventsEnvelopeOptions>(
  {
    input: { type: 'object' },
    options: {
      type: 'object',
      properties: {
        attributes: { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true },
        specversion: { type: 'string', minLength: 1 },
      },
      required: ['attributes', 'specversion'],
      additionalProperties: false,
    },
  },
  (message, { attributes, specversion }, { path }) => {
    const payload = declaredProperties(schemaOf(message.payload), [...path, 'payload']);
    const headers = declaredProperties(schemaOf(message.headers), [...path, 'headers']);
    const find = (name: string) =>
      payload.get(name) ?? headers.get(name) ?? headers.get(`ce_${name}`) ?? headers.get(`ce-${name}`);
    const missing = attributes.filter((a) => !find(a));
    const results = [];
    if (missing.length > 0) {
      results.push({
        message: `message must carry CloudEvents attribute(s) ${missing.join(', ')} in payload or headers`,
        path: message.payload === undefined ? [...path] : [...path, 'payload'],
      });
    }
    const version = find('specversion');
    if (version) {
      const pinned = pinnedValue(version.schema);
      if (pinned !== undefined && pinned !== specversion) {
        results.push({ message: `specversion must be "${specversion}"`, path: version.path });
      }
    }
    return results;
  },
);
