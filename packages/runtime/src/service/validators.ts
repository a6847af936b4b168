import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

const common: Options = {
  // Every failing field is reported; `additionalProperties: false` rejects unknown members instead of
  // silently dropping them (Fastify's default removes them).
  allErrors: true,
  removeAdditional: false,
  useDefaults: true,
};

/**
 * Request validation per HTTP part. Fastify's default coerces types everywhere (`coerceTypes: 'array'`),
 * which turns a JSON body's `"name": 12345` into `"12345"` and accepts it. JSON bodies are typed, so they are
 * validated strictly; querystring, params and headers are text on the wire and keep coercion.
 */
export function createValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const strict = addFormats.default(new Ajv({ ...common, coerceTypes: false }));
  const coercing = addFormats.default(new Ajv({ ...common, coerceTypes: 'array' }));
  return ({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema as object);
}
