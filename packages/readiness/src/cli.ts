import { resolve } from 'node:path';
import { EXIT_FINDINGS, EXIT_OK, UsageError, parseFlags, renderHelp, type CliIO } from '@shipshape/cli-kit';
import { ReadinessInputError } from './context.js';
import { evaluateReadiness } from './evaluate.js';
import { renderText, toJson } from './render.js';
import { writeReadiness } from './write.js';

const FLAGS = {
  conformance: {
    type: 'string',
    value: '<conformance.json>',
    description: 'Conformance evidence to use (default <service-dir>/reports/conformance/conformance.json)',
  },
  write: {
    type: 'boolean',
    description:
      'Update readiness.yaml, the status section of docs/SERVICE_READINESS.md and docs/badges/*.svg',
  },
  format: {
    type: 'string',
    value: 'text|json',
    description: 'Output format on stdout',
    default: 'text',
    choices: ['text', 'json'],
  },
} as const;

const USAGE =
  'shipshape readiness <service-dir> [--conformance <conformance.json>] [--write] [--format text|json]';
const SUMMARY = [
  'Judges the readiness gates of a service from its artifacts and evidence (docs, specs, migrations, ops files,',
  'lint and conformance reports, load and scan reports) and from readiness/attestations.yaml for what only a',
  'person can say; derives the level L0–L5. Exit 0: no gate RED; 1: a gate is RED; 2: it could not run.',
].join('\n');

/** `shipshape readiness`: the command module. */
export async function run(argv: string[], io: CliIO): Promise<number> {
  const { flags, positionals, help } = parseFlags(argv, FLAGS);
  if (help) {
    io.out(renderHelp(USAGE, SUMMARY, FLAGS));
    return EXIT_OK;
  }
  if (positionals.length === 0)
    throw new UsageError('missing <service-dir> (the folder of a generated service)');
  if (positionals.length > 1)
    throw new UsageError(`one service folder at a time (got ${positionals.length})`);
  const format = flags.format ?? 'text';

  let result;
  try {
    result = await evaluateReadiness(resolve(io.cwd, positionals[0]), {
      ...(flags.conformance !== undefined ? { conformance: resolve(io.cwd, flags.conformance) } : {}),
    });
  } catch (error) {
    if (error instanceof ReadinessInputError) throw new UsageError(error.message);
    throw error;
  }
  if (format === 'json') io.out(JSON.stringify(toJson(result), null, 2));
  else for (const line of renderText(result)) io.out(line);
  if (flags.write) {
    const written = await writeReadiness(result);
    io.err(`wrote ${written.written.join(', ')}`);
    for (const s of written.skipped) io.err(`not written: ${s.file}: ${s.reason}`);
  }
  return result.summary.RED > 0 ? EXIT_FINDINGS : EXIT_OK;
}
