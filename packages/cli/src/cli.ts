import { commands as defaultCommands, type CommandEntry } from './commands/registry.js';
import { EXIT_CANNOT_RUN, EXIT_OK, UsageError, oneLine, processIO, type CliIO } from '@shipshape/cli-kit';

export interface Cli {
  commands: CommandEntry[];
  run(argv: string[], io?: CliIO): Promise<number>;
  help(): string;
}

/** Builds the CLI without side effects; `run` is the one place errors become a message and an exit code. */
export function createCLI(commands: CommandEntry[] = defaultCommands): Cli {
  const help = () => {
    const width = Math.max(...commands.map((c) => c.name.length), 8);
    return [
      'Usage: shipshape <command> [options]',
      '',
      'Commands:',
      ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
      '',
      'Run `shipshape <command> --help` for the options of one command.',
    ].join('\n');
  };

  const run = async (argv: string[], io: CliIO = processIO()): Promise<number> => {
    const [name, ...rest] = argv;
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      io.out(help());
      return name ? EXIT_OK : EXIT_CANNOT_RUN;
    }
    if (name === '--version' || name === '-v') {
      io.out(await version());
      return EXIT_OK;
    }
    const entry = commands.find((c) => c.name === name);
    if (!entry) {
      io.err(`shipshape: unknown command "${name}" (known: ${commands.map((c) => c.name).join(', ')})`);
      return EXIT_CANNOT_RUN;
    }
    try {
      const mod = await entry.load();
      return await mod.run(rest, io);
    } catch (error) {
      if (error instanceof UsageError) {
        io.err(`shipshape ${name}: ${error.message}`);
        return error.exitCode;
      }
      // An unexpected failure is still one line; the stack only with SHIPSHAPE_DEBUG=1.
      io.err(`shipshape ${name}: ${oneLine(error)}`);
      if (io.env.SHIPSHAPE_DEBUG === '1' && error instanceof Error && error.stack) io.err(error.stack);
      return EXIT_CANNOT_RUN;
    }
  };

  return { commands, run, help };
}

async function version(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}
