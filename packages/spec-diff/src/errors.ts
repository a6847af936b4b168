/** The two documents cannot be compared (unparsable, not OpenAPI/AsyncAPI, different kinds, bad $ref). */
export class DiffInputError extends Error {
  override readonly name = 'DiffInputError';
}
