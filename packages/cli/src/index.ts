export { createCLI, type Cli } from './cli.js';
export { commands, type CommandEntry } from './commands/registry.js';

import { createCLI } from './cli.js';

/** Entry used by the bin. */
export async function main(argv: string[]): Promise<number> {
  return createCLI().run(argv);
}
