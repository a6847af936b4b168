import { describe, expect, it } from 'vitest';
import { createCLI } from './cli.js';
import type { CommandEntry } from './commands/registry.js';
import { UsageError, memoryIO, parseFlags } from '@shipshape/cli-kit';

const echo: CommandEntry = {
  name: 'echo',
  summary: 'prints its flag',
  load: async () => ({
    run: async (argv, io) => {
      const { flags } = parseFlags(argv, { say: { type: 'string', description: 'what to say' } });
      if (!flags.say) throw new UsageError('--say is required');
      io.out(flags.say);
      return 0;
    },
  }),
};
const boom: CommandEntry = {
  name: 'boom',
  summary: 'throws',
  load: async () => ({
    run: async () => {
      throw new Error('database exploded\n    at secret/stack.js:1:1');
    },
  }),
};

describe('createCLI', () => {
  it('dispatches to the named command', async () => {
    const io = memoryIO();
    expect(await createCLI([echo]).run(['echo', '--say', 'hi'], io)).toBe(0);
    expect(io.stdout).toEqual(['hi']);
  });

  it('turns a usage error into one line and exit 2', async () => {
    const io = memoryIO();
    expect(await createCLI([echo]).run(['echo'], io)).toBe(2);
    expect(io.stderr).toEqual(['shipshape echo: --say is required']);
  });

  it('rejects unknown flags with a line naming the flag', async () => {
    const io = memoryIO();
    expect(await createCLI([echo]).run(['echo', '--nope'], io)).toBe(2);
    expect(io.stderr[0]).toContain("'--nope'");
  });

  it('never prints a stack for an unexpected error', async () => {
    const io = memoryIO();
    expect(await createCLI([boom]).run(['boom'], io)).toBe(2);
    expect(io.stderr).toEqual(['shipshape boom: database exploded']);
  });

  it('answers an unknown command with the known ones', async () => {
    const io = memoryIO();
    expect(await createCLI([echo]).run(['nope'], io)).toBe(2);
    expect(io.stderr[0]).toBe('shipshape: unknown command "nope" (known: echo)');
  });

  it('prints help listing every command', async () => {
    const io = memoryIO();
    expect(await createCLI([echo, boom]).run(['--help'], io)).toBe(0);
    expect(io.stdout[0]).toContain('echo');
    expect(io.stdout[0]).toContain('boom');
  });
});
