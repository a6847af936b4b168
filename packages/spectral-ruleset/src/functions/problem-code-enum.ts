import { createRulesetFunction } from '@stoplight/spectral-core';
import { propertyDeclarations } from './schema-utils.js';

export interface ProblemCodeEnumOptions {
  /** Name of the code member. */
  property: string;
  /** Regular expression every code must match (the `<ORG>.<SVC>.<CODE>` shape). */
  pattern: string;
}

/**
 * The `code` member of a problem schema is a closed `enum` of well-formed codes: the list a client
 * can switch on, and what `shipshape lint` compares with errors/error-codes.yaml.
 */
export const problemCodeEnum = createRulesetFunction<unknown, ProblemCodeEnumOptions>(
  {
    input: { type: 'object' },
    options: {
      type: 'object',
      properties: { property: { type: 'string', minLength: 1 }, pattern: { type: 'string', minLength: 1 } },
      required: ['property', 'pattern'],
      additionalProperties: false,
    },
  },
  (schema, { property, pattern }, { path }) => {
    const declarations = propertyDeclarations(schema, property, [...path]);
    if (declarations.length === 0) return; // shipshape-problem-schema-members reports the missing member
    const enums = declarations.filter((d) => Array.isArray(d.schema.enum) && d.schema.enum.length > 0);
    if (enums.length === 0) {
      return [
        { message: `problem "${property}" must be an enum of registered codes`, path: declarations[0].path },
      ];
    }
    const re = new RegExp(pattern);
    return enums.flatMap((code) =>
      (code.schema.enum as unknown[]).flatMap((value, i) =>
        typeof value === 'string' && re.test(value)
          ? []
          : [
              {
                message: `error code ${JSON.stringify(value)} does not match ${pattern}`,
                path: [...code.path, 'enum', i],
              },
            ],
      ),
    );
  },
);
