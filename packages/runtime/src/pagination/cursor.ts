import { problem } from '../errors/problem.js';

const MAX_CURSOR_LENGTH = 2048;

/** Opaque pagination cursor: base64url of the JSON of `value` (e.g. `{ after: lastId }`). */
export function encodeCursor(value: Record<string, unknown>): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError('encodeCursor: value must be a plain object');
  }
  const cursor = Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
  if (cursor.length > MAX_CURSOR_LENGTH) throw new TypeError('encodeCursor: value is too large for a cursor');
  return cursor;
}

/**
 * Reverses encodeCursor. Anything that did not come from it (bad base64url, not JSON, not an object, too
 * long) throws `problem('INVALID_CURSOR')` → 400 problem+json.
 */
export function decodeCursor<T extends Record<string, unknown> = Record<string, unknown>>(cursor: string): T {
  const invalid = () => problem('INVALID_CURSOR', { detail: 'The cursor is not one this service issued' });
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH) throw invalid();
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid();
  return value as T;
}
