import { describe, expect, it } from 'vitest';
import { classifyDbError, DatabaseUnavailableError, isConnectionError } from './errors.js';

describe('isConnectionError', () => {
  it('recognises socket errors, SQLSTATE class 08 and server shutdowns', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', '08006', '08001', '57P01', '57P03']) {
      expect(isConnectionError(Object.assign(new Error('x'), { code })), code).toBe(true);
    }
    expect(isConnectionError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionError(new Error('timeout exceeded when trying to connect'))).toBe(true);
  });

  it('leaves statement errors alone', () => {
    const syntax = Object.assign(new Error('syntax error at or near "selec"'), { code: '42601' });
    expect(isConnectionError(syntax)).toBe(false);
    expect(classifyDbError(syntax)).toBe(syntax);
    expect(isConnectionError(null)).toBe(false);
  });

  it('wraps connection errors as a 503 DatabaseUnavailableError keeping the cause', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const wrapped = classifyDbError(cause) as DatabaseUnavailableError;
    expect(wrapped).toBeInstanceOf(DatabaseUnavailableError);
    expect(wrapped.statusCode).toBe(503);
    expect(wrapped.cause).toBe(cause);
    expect(wrapped.message).toBe('database unavailable: connect ECONNREFUSED 127.0.0.1:5432');
  });
});
