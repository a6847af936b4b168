import { createRulesetFunction } from '@stoplight/spectral-core';
import { isObject, type JsonObject } from './schema-utils.js';

/**
 * A business operation is protected by bearer authentication: its effective `security` (its own,
 * else the document's) is non-empty, has no anonymous `{}` alternative, and names only schemes of
 * `type: http, scheme: bearer`.
 */
export const bearerSecurity = createRulesetFunction<JsonObject, null>(
  { input: { type: 'object' }, options: null },
  (operation, _options, { path, document }) => {
    const root = isObject(document.data) ? document.data : {};
    const own = 'security' in operation;
    const security = own ? operation.security : root.security;
    const at = own ? [...path, 'security'] : [...path];
    if (!Array.isArray(security) || security.length === 0) {
      return [{ message: 'operation must require bearer authentication (security)', path: at }];
    }
    const schemes =
      isObject(root.components) && isObject(root.components.securitySchemes)
        ? root.components.securitySchemes
        : {};
    const results = [];
    for (const [i, requirement] of security.entries()) {
      const names = isObject(requirement) ? Object.keys(requirement) : [];
      if (names.length === 0) {
        results.push({
          message: 'security must not allow anonymous access ({})',
          path: own ? [...at, i] : at,
        });
        continue;
      }
      for (const name of names) {
        const scheme = schemes[name];
        const bearer =
          isObject(scheme) &&
          scheme.type === 'http' &&
          typeof scheme.scheme === 'string' &&
          scheme.scheme.toLowerCase() === 'bearer';
        if (!bearer) {
          results.push({
            message: `security scheme "${name}" must be declared as type http, scheme bearer`,
            path: own ? [...at, i, name] : at,
          });
        }
      }
    }
    return results;
  },
);
