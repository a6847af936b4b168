export { createCLI, type Cli } from './cli.js';
export { commands, type CommandEntry, type CommandModule } from './commands/registry.js';
export { EXIT_OK, EXIT_FINDINGS, EXIT_CANNOT_RUN, UsageError } from './exit-codes.js';
export { parseFlags, renderHelp, oneLine, type FlagSpec, type FlagTable } from './flags.js';
export { processIO, type CliIO } from './io.js';

import { createCLI } from './cli.js';

/** Entry used by the bin. */
export async function main(argv: string[]): Promise<number> {
  return createCLI().run(argv);
}
