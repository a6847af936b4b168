/** Stable exit codes shared by every shipshape command (DESIGN.md: 0 ok, 1 findings, 2 could not run). */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_CANNOT_RUN = 2;

/**
 * An error the user caused (bad flag, missing file, unreachable URL). Printed as one line, never
 * with a stack, and mapped to exit code 2.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    readonly exitCode: number = EXIT_CANNOT_RUN,
  ) {
    super(message);
  }
}
