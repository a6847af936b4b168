/** The run could not be made (bad options, unreadable spec, unreachable target, rejected credentials): exit 2. */
export class ConformanceSetupError extends Error {
  override readonly name = 'ConformanceSetupError';
}
