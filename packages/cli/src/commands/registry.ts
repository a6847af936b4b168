import type { CommandModule } from '@shipshape/cli-kit';

export interface CommandEntry {
  name: string;
  summary: string;
  /** Lazy import, so `shipshape token` never loads the conformance engine. */
  load(): Promise<CommandModule>;
}

/**
 * The command table. A capability joins the CLI by adding one entry here that lazy-imports its
 * module; the module lives beside the capability it drives.
 */
export const commands: CommandEntry[] = [];
