import { ERROR_CODE_PATTERN } from '@shipshape/spectral-ruleset';
import type { FileFindings } from './finding.js';
import { isRecord } from './finding.js';
import type { JsonPath } from './yaml-source.js';

export interface RegistryEntry {
  code: string;
  status: number;
  title: string;
  /** Where the entry is written in the registry file. */
  path: JsonPath;
}

const RULE = 'shipshape-error-registry-valid';

/**
 * Reads errors/error-codes.yaml: `{ org, service, codes: [ { code, status, title, type, description } ] }`
 * (the generator's format; a mapping `codes: { <code>: { status, title } }` is read too).
 */
export function readRegistry(value: unknown, out: FileFindings): RegistryEntry[] {
  if (!isRecord(value)) {
    out.add(RULE, 'error registry must be a mapping with a `codes` list');
    return [];
  }
  const raw = value.codes;
  const items: { code: unknown; body: unknown; path: JsonPath }[] = Array.isArray(raw)
    ? raw.map((e, i) => ({ code: isRecord(e) ? e.code : undefined, body: e, path: ['codes', i] }))
    : isRecord(raw)
      ? Object.entries(raw).map(([code, body]) => ({ code, body, path: ['codes', code] }))
      : [];
  if (items.length === 0) {
    out.add(RULE, 'error registry must list its codes under `codes`', raw === undefined ? [] : ['codes']);
    return [];
  }
  const pattern = new RegExp(ERROR_CODE_PATTERN);
  const org = typeof value.org === 'string' ? value.org.toUpperCase().replace(/-/g, '_') : undefined;
  const seen = new Map<string, JsonPath>();
  const prefixes = new Set<string>();
  const entries: RegistryEntry[] = [];
  for (const { code, body, path } of items) {
    if (typeof code !== 'string' || !pattern.test(code)) {
      out.add(RULE, `error code ${JSON.stringify(code)} must be <ORG>.<SVC>.<CODE> (upper case)`, path);
      continue;
    }
    if (seen.has(code)) {
      out.add(RULE, `error code ${code} is registered twice`, path);
      continue;
    }
    seen.set(code, path);
    const [codeOrg, codeSvc] = code.split('.');
    prefixes.add(`${codeOrg}.${codeSvc}`);
    if (org && codeOrg !== org)
      out.add(RULE, `error code ${code} must start with the org prefix ${org}.`, path);
    const entry = isRecord(body) ? body : {};
    const status = entry.status;
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599) {
      out.add(RULE, `error code ${code} must have an HTTP error status (400-599)`, path);
    }
    if (typeof entry.title !== 'string' || entry.title.trim() === '') {
      out.add(RULE, `error code ${code} must have a title`, path);
    }
    entries.push({
      code,
      status: typeof status === 'number' ? status : 0,
      title: String(entry.title ?? ''),
      path,
    });
  }
  if (prefixes.size > 1) {
    out.add(RULE, `error codes must share one <ORG>.<SVC> prefix (found ${[...prefixes].join(', ')})`, [
      'codes',
    ]);
  }
  return entries;
}
