/**
 * The runtime's own error codes (`standardErrorCodes` of @shipshape/runtime), loaded lazily: requiring the
 * runtime's main entry loads Fastify and its plugins, which a generator run does not otherwise need, so the
 * light `@shipshape/runtime/error-codes` subpath is tried first.
 */
export interface StandardErrorCodeEntry {
  status: number;
  title: string;
  description: string;
}
export type StandardErrorCodeTable = Readonly<Record<string, StandardErrorCodeEntry>>;

let cached: StandardErrorCodeTable | undefined;

export function loadStandardErrorCodes(): StandardErrorCodeTable {
  if (cached) return cached;
  const errors: string[] = [];
  for (const id of ['@shipshape/runtime/error-codes', '@shipshape/runtime']) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(id) as { standardErrorCodes?: StandardErrorCodeTable };
      if (mod.standardErrorCodes) {
        cached = mod.standardErrorCodes;
        return cached;
      }
      errors.push(`${id} does not export standardErrorCodes`);
    } catch (error) {
      errors.push(`${id}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  throw new Error(`cannot load the runtime's standard error codes (${errors.join('; ')})`);
}
