import { describe, expect, it } from 'vitest';
import { ProblemError } from '../errors/problem.js';
import { decodeCursor, encodeCursor } from './cursor.js';

describe('cursors', () => {
  it('round-trips an object through an opaque base64url string', () => {
    const cursor = encodeCursor({ after: 'o-42', createdAt: '2026-01-01T00:00:00Z' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual({ after: 'o-42', createdAt: '2026-01-01T00:00:00Z' });
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'abc$%'],
    ['not JSON', Buffer.from('hello').toString('base64url')],
    ['JSON but not an object', Buffer.from('[1,2]').toString('base64url')],
    ['null', Buffer.from('null').toString('base64url')],
    ['too long', 'a'.repeat(5000)],
  ])('a bad cursor (%s) → problem INVALID_CURSOR', (_name, cursor) => {
    let error: unknown;
    try {
      decodeCursor(cursor);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).code).toBe('INVALID_CURSOR');
  });

  it('encodeCursor refuses non-objects', () => {
    expect(() => encodeCursor([] as unknown as Record<string, unknown>)).toThrow(TypeError);
  });
});
