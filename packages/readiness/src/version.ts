import { readFileSync } from 'node:fs';

export const TOOL_NAME = 'shipshape readiness';

let version: string | undefined;

/** The version of @shipshape/readiness (what reports and attestations name as the producer). */
export function toolVersion(): string {
  version ??= (
    JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
  ).version;
  return version;
}
