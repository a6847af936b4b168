import { createHash } from 'node:crypto';
import JSONbig from 'json-bigint';

// Integers beyond 2^53 become BigInt instead of the nearest double, so 9007199254740993 and …992 differ.
const exact = JSONbig({ useNativeBigInt: true });

/** The body as the fingerprint sees it: from the raw JSON text when there is one (exact integers). */
export function exactBody(raw: string | undefined, parsed: unknown): unknown {
  if (raw === undefined) return parsed;
  try {
    return exact.parse(raw) as unknown;
  } catch {
    return parsed;
  }
}

/**
 * JSON with object keys sorted at every level, so two payloads that differ only in key order or
 * whitespace fingerprint the same. Hand-written (a dozen lines) rather than a dependency.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Buffer.isBuffer(value)) return JSON.stringify(value.toString('base64'));
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** What makes two requests "the same": path parameters, query string and body (the route is the scope). */
export function requestFingerprint(parts: { params: unknown; query: unknown; body: unknown }): string {
  return createHash('sha256')
    .update(canonicalJson({ params: parts.params ?? {}, query: parts.query ?? {}, body: parts.body ?? null }))
    .digest('hex');
}
