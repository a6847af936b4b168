/**
 * Database errors the runtime raises itself. A lost or refused connection becomes a
 * DatabaseUnavailableError with `statusCode` 503, which the problem handler renders as
 * SERVICE_UNAVAILABLE instead of a 500.
 */

export class DatabaseConfigError extends Error {
  override readonly name = 'DatabaseConfigError';
}

export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
  readonly statusCode = 503;
  readonly code = 'DATABASE_UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A health ping: `select 1` that must answer within `timeoutMs`, else DatabaseUnavailableError. */
export async function pingWithin(query: (sql: string) => Promise<unknown>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DatabaseUnavailableError(`database did not answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([query('select 1'), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);

/**
 * True for errors that mean "the database cannot be reached", not "this statement failed":
 * socket errors, SQLSTATE class 08 (connection exception), 57P01–57P03 (admin shutdown, crash
 * shutdown, cannot connect now), and node-postgres' own connection messages.
 */
export function isConnectionError(err: unknown): boolean {
  if (err instanceof DatabaseUnavailableError) return true;
  const e = err as { code?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  const code = typeof e.code === 'string' ? e.code : '';
  if (NETWORK_CODES.has(code)) return true;
  if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03') return true;
  const message = typeof e.message === 'string' ? e.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connect ECONNREFUSED/i.test(
    message,
  );
}

/** Wraps connection failures as DatabaseUnavailableError; returns other errors unchanged. */
export function classifyDbError(err: unknown): unknown {
  if (err instanceof DatabaseUnavailableError || !isConnectionError(err)) return err;
  return new DatabaseUnavailableError(`database unavailable: ${(err as Error).message}`, { cause: err });
}
