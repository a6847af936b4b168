export { EXIT_OK, EXIT_FINDINGS, EXIT_CANNOT_RUN, UsageError } from './exit-codes.js';
export {
  parseFlags,
  renderHelp,
  oneLine,
  type FlagSpec,
  type FlagTable,
  type Parsed,
  type ParsedFlags,
} from './flags.js';
export { processIO, memoryIO, type CliIO, type MemoryIO } from './io.js';
import type { CliIO } from './io.js';

/** A command module: parses its own flags (with `parseFlags`) and returns an exit code. */
export interface CommandModule {
  run(argv: string[], io: CliIO): Promise<number>;
}
