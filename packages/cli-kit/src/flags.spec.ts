import { describe, expect, it } from 'vitest';
import { UsageError } from './exit-codes.js';
import { parseFlags, renderHelp } from './flags.js';

const table = {
  format: { type: 'string', description: 'output', default: 'text', choices: ['text', 'json'] },
  only: { type: 'string', multiple: true, description: 'areas', choices: ['health', 'errors'] },
  write: { type: 'boolean', description: 'write files' },
} as const;

describe('parseFlags', () => {
  it('applies defaults and keeps positionals', () => {
    const parsed = parseFlags(['svc', '--write'], table);
    expect(parsed).toMatchObject({
      positionals: ['svc'],
      help: false,
      flags: { format: 'text', write: true },
    });
  });

  it('accepts a listed choice, including in repeated flags', () => {
    expect(
      parseFlags(['--format', 'json', '--only', 'health', '--only', 'errors'], table).flags,
    ).toMatchObject({
      format: 'json',
      only: ['health', 'errors'],
    });
  });

  it('refuses a value outside the choices with one line naming the flag', () => {
    expect(() => parseFlags(['--format', 'xml'], table)).toThrow(
      new UsageError('--format must be one of text, json (got "xml")'),
    );
    expect(() => parseFlags(['--only', 'tracing'], table)).toThrow('--only must be one of health, errors');
  });

  it('turns parseArgs errors into usage errors', () => {
    expect(() => parseFlags(['--nope'], table)).toThrow(UsageError);
  });

  it('shows the choices in help', () => {
    expect(renderHelp('x', 'y', table)).toMatch(/--format +output \(one of: text, json\) \(default: text\)/);
  });
});
