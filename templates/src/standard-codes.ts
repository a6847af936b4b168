/**
 * The runtime's own error codes (`standardErrorCodes` of @shipshape/runtime): every service registry holds them
 * and the runtime checks that at start-up, so the generator takes them from the runtime itself, never a copy.
 *
 * Loaded lazily from the runtime's dependency-free subpath `@shipshape/runtime/error-codes`: the package entry
 * loads Fastify, PGlite and OpenTelemetry, which would double the time of a generator run.
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
  /* eslint-disable @typescript-eslint/no-require-imports -- synchronous on purpose (buildServiceModel is sync);
     Node >= 20.19 require()s the runtime's ES modules. */
  const mod = require('@shipshape/runtime/error-codes') as { standardErrorCodes?: StandardErrorCodeTable };
  /* eslint-enable @typescript-eslint/no-require-imports */
  if (!mod.standardErrorCodes) throw new Error('@shipshape/runtime does not export standardErrorCodes');
  cached = mod.standardErrorCodes;
  return cached;
}
