import { describe, expect, it } from 'vitest';
import { readIdempotencyKey } from './key.js';

const raw = (...values: string[]): string[] => values.flatMap((v) => ['Idempotency-Key', v]);

describe('readIdempotencyKey', () => {
  it('accepts a token or an sf-string of printable ASCII, up to the limit', () => {
    expect(readIdempotencyKey(raw('abc-123'))).toEqual({ ok: true, key: 'abc-123' });
    expect(readIdempotencyKey(raw('"8e03978e-40d5"'))).toEqual({ ok: true, key: '8e03978e-40d5' });
    expect(readIdempotencyKey(['idempotency-key', 'lower'])).toEqual({ ok: true, key: 'lower' });
    expect(readIdempotencyKey(raw('k'.repeat(255)))).toEqual({ ok: true, key: 'k'.repeat(255) });
    expect(readIdempotencyKey(raw('k'.repeat(11)), 10)).toMatchObject({
      ok: false,
      code: 'IDEMPOTENCY_KEY_INVALID',
    });
  });

  it('reports missing, empty, repeated, overlong and non-ASCII keys with their code', () => {
    expect(readIdempotencyKey(['Content-Type', 'application/json'])).toMatchObject({
      ok: false,
      code: 'IDEMPOTENCY_KEY_MISSING',
    });
    expect(readIdempotencyKey(raw(''))).toMatchObject({
      ok: false,
      code: 'IDEMPOTENCY_KEY_INVALID',
      detail: 'The Idempotency-Key header is empty',
    });
    expect(readIdempotencyKey(raw('""'))).toMatchObject({ ok: false, code: 'IDEMPOTENCY_KEY_INVALID' });
    expect(readIdempotencyKey(raw('a', 'b'))).toMatchObject({
      ok: false,
      detail: 'Send exactly one Idempotency-Key header',
    });
    expect(readIdempotencyKey(raw('k'.repeat(256)))).toMatchObject({
      ok: false,
      detail: 'The Idempotency-Key is 256 characters long; at most 255 are allowed',
    });
    for (const bad of ['caf\u00e9', 'a"b', 'a\\b', 'tab\tkey']) {
      expect(readIdempotencyKey(raw(bad)), bad).toMatchObject({ ok: false, code: 'IDEMPOTENCY_KEY_INVALID' });
    }
  });
});
