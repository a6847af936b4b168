/**
 * The runtime's own error codes (`standardErrorCodes` of @shipshape/runtime): every service registry holds them
 * and the runtime checks that at start-up, so the generator takes them from the runtime itself, never a copy.
 */
import { standardErrorCodes } from '@shipshape/runtime';

export interface StandardErrorCodeEntry {
  status: number;
  title: string;
  description: string;
}
export type StandardErrorCodeTable = Readonly<Record<string, StandardErrorCodeEntry>>;

export function loadStandardErrorCodes(): StandardErrorCodeTable {
  return standardErrorCodes;
}
