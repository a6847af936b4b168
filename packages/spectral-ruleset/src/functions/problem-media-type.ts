import { createRulesetFunction } from '@stoplight/spectral-core';
import { isObject } from './schema-utils.js';

export interface ProblemMediaTypeOptions {
  /** The only media type an error response may declare. */
  mediaType: string;
}

/**
 * An error response (4xx, 5xx, `default`) must declare content, and only the problem media type:
 * clients branch on `Content-Type`, so a second media type means a second error format.
 */
export const problemMediaType = createRulesetFunction<unknown, ProblemMediaTypeOptions>(
  {
    input: { type: 'object' },
    options: {
      type: 'object',
      properties: { mediaType: { type: 'string', minLength: 1 } },
      required: ['mediaType'],
      additionalProperties: false,
    },
  },
  (response, { mediaType }, { path }) => {
    const content = isObject(response) ? response.content : undefined;
    if (!isObject(content) || Object.keys(content).length === 0) {
      return [{ message: `error response must declare content "${mediaType}"`, path: [...path] }];
    }
    const results = Object.keys(content)
      .filter((type) => type.toLowerCase() !== mediaType)
      .map((type) => ({
        message: `error response declares "${type}"; only "${mediaType}" is allowed`,
        path: [...path, 'content', type],
      }));
    if (!Object.keys(content).some((type) => type.toLowerCase() === mediaType)) {
      results.push({
        message: `error response must declare content "${mediaType}"`,
        path: [...path, 'content'],
      });
    }
    return results;
  },
);
