export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const MAX_KEY_LENGTH = 255;

export type KeyCheck =
  | { ok: true; key: string }
  | { ok: false; code: 'IDEMPOTENCY_KEY_MISSING' | 'IDEMPOTENCY_KEY_INVALID'; detail: string };

/**
 * Reads the Idempotency-Key from raw headers (so a repeated header is seen even though Node joins
 * repeated unknown headers with ", "). The value is either a bare token or an RFC 8941 sf-string
 * (`"…"`, as draft-ietf-httpapi-idempotency-key-header writes it); 1–255 printable ASCII characters.
 */
export function readIdempotencyKey(rawHeaders: string[], maxLength = MAX_KEY_LENGTH): KeyCheck {
  const values: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i].toLowerCase() === IDEMPOTENCY_HEADER) values.push(rawHeaders[i + 1]);
  }
  if (values.length === 0) {
    return {
      ok: false,
      code: 'IDEMPOTENCY_KEY_MISSING',
      detail: 'Send an Idempotency-Key header with every POST',
    };
  }
  if (values.length > 1) {
    return { ok: false, code: 'IDEMPOTENCY_KEY_INVALID', detail: 'Send exactly one Idempotency-Key header' };
  }
  let key = values[0].trim();
  if (key.length >= 2 && key.startsWith('"') && key.endsWith('"')) key = key.slice(1, -1);
  if (key.length === 0) {
    return { ok: false, code: 'IDEMPOTENCY_KEY_INVALID', detail: 'The Idempotency-Key header is empty' };
  }
  if (key.length > maxLength) {
    return {
      ok: false,
      code: 'IDEMPOTENCY_KEY_INVALID',
      detail: `The Idempotency-Key is ${key.length} characters long; at most ${maxLength} are allowed`,
    };
  }
  if (!/^[\x20-\x7e]+$/.test(key) || key.includes('"') || key.includes('\\')) {
    return {
      ok: false,
      code: 'IDEMPOTENCY_KEY_INVALID',
      detail: 'The Idempotency-Key may contain only printable ASCII characters other than " and \\',
    };
  }
  return { ok: true, key };
}
