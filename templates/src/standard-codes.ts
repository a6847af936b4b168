/**
 * The runtime's own error codes, from @shipshape/contracts (the one table the runtime checks registries
 * against at start-up): every service registry the generator renders holds them.
 */
import { standardErrorCodes, type StandardErrorCode } from '@shipshape/contracts';

export type StandardErrorCodeEntry = StandardErrorCode;
export type StandardErrorCodeTable = Readonly<Record<string, StandardErrorCodeEntry>>;

export function loadStandardErrorCodes(): StandardErrorCodeTable {
  return standardErrorCodes;
}
