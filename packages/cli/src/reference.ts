import { memoryIO } from '@shipshape/cli-kit';
import type { CommandEntry } from './commands/registry.js';

/**
 * The command reference (docs/cli.md), rendered from the command table and each command's own `--help`, so the
 * page cannot drift from the flags the code accepts.
 */
export async function renderReference(commands: CommandEntry[]): Promise<string> {
  const sections: string[] = [
    '# Command reference',
    '',
    '<!-- Generated from the shipshape command table: `npm run docs -w @shipshape/cli`. Do not edit by hand. -->',
    '',
    'Every command is one bin, `shipshape`. Exit codes are the same everywhere: 0 ok, 1 findings (a failed',
    'check, a lint error, a RED gate, a breaking change), 2 the run could not be made (one line says why).',
    '',
  ];
  for (const entry of commands) {
    const io = memoryIO();
    const mod = await entry.load();
    await mod.run(['--help'], io);
    sections.push(
      `## shipshape ${entry.name}`,
      '',
      entry.summary + '.',
      '',
      '```text',
      ...io.stdout,
      '```',
      '',
    );
  }
  return sections.join('\n');
}
