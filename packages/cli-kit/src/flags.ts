import { parseArgs } from 'node:util';
import { UsageError } from './exit-codes.js';

/** One option of a command, described once: the table parses flags and renders `--help`. */
export interface FlagSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** Placeholder shown in help, e.g. `<url>`. */
  value?: string;
  description: string;
  default?: string | boolean;
  /** The values a string flag accepts; anything else is a usage error naming the flag and the choices. */
  choices?: readonly string[];
}

export type FlagTable = Record<string, FlagSpec>;

export type ParsedFlags<T extends FlagTable> = {
  [K in keyof T]: T[K]['type'] extends 'boolean'
    ? boolean | undefined
    : T[K]['multiple'] extends true
      ? string[] | undefined
      : string | undefined;
};

export interface Parsed<T extends FlagTable> {
  flags: ParsedFlags<T>;
  positionals: string[];
  help: boolean;
}

/**
 * Parses argv against a flag table with Node's own `util.parseArgs` (strict: an unknown flag is a
 * usage error naming the flag). `--help` / `-h` is always accepted.
 */
export function parseFlags<T extends FlagTable>(argv: string[], table: T): Parsed<T> {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const [name, spec] of Object.entries(table)) {
    // parseArgs rejects keys that are present but undefined, so copy only what is set.
    options[name] = {
      type: spec.type,
      ...(spec.multiple ? { multiple: true } : {}),
      ...(spec.short ? { short: spec.short } : {}),
    };
  }
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    const flags: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(table)) {
      flags[name] = values[name] ?? spec.default;
    }
    checkChoices(table, flags);
    return { flags: flags as ParsedFlags<T>, positionals, help: values.help === true };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(oneLine(error));
  }
}

function checkChoices(table: FlagTable, flags: Record<string, unknown>): void {
  for (const [name, spec] of Object.entries(table)) {
    const value = flags[name];
    if (!spec.choices || value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) {
      if (!spec.choices.includes(String(one))) {
        throw new UsageError(`--${name} must be one of ${spec.choices.join(', ')} (got "${String(one)}")`);
      }
    }
  }
}

/** Renders the help text of a command from its flag table. */
export function renderHelp(usage: string, summary: string, table: FlagTable): string {
  const rows = Object.entries(table).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`;
    const choices = spec.choices ? ` (one of: ${spec.choices.join(', ')})` : '';
    const extra = spec.multiple
      ? ' (repeatable)'
      : spec.default !== undefined
        ? ` (default: ${spec.default})`
        : '';
    return [flag, spec.description + choices + extra] as const;
  });
  const width = Math.max(10, ...rows.map(([flag]) => flag.length));
  const lines = rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`);
  return [
    `Usage: ${usage}`,
    '',
    summary,
    '',
    'Options:',
    ...lines,
    `  ${'-h, --help'.padEnd(width)}  Show this help`,
  ].join('\n');
}

export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]?.trim() || 'unknown error';
}
