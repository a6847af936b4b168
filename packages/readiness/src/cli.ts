import { relative, resolve } from 'node:path';
import { EXIT_FINDINGS, EXIT_OK, UsageError, parseFlags, renderHelp, type CliIO } from '@shipshape/cli-kit';
import { evaluateAll, renderAllText, toAllJson } from './all.js';
import { loadCatalog } from './catalog.js';
import { createContext, ReadinessInputError } from './context.js';
import { parseStamp, stampReports } from './stamp.js';
import { evaluateReadiness } from './evaluate.js';
import { toInToto } from './formats/intoto.js';
import { toJUnit } from './formats/junit.js';
import { toSarif } from './formats/sarif.js';
import { checkFailures } from './levels.js';
import { renderText, toJson } from './render.js';
import { LEVEL_IDS, type LevelId, type ReadinessResult } from './types.js';
import { writeReadiness } from './write.js';

const FORMATS = ['text', 'json', 'sarif', 'junit', 'intoto'] as const;

const FLAGS = {
  conformance: {
    type: 'string',
    value: '<conformance.json>',
    description:
      'Conformance evidence to use (default <reports.conformance>/conformance.json of the service, reports/conformance/ unless shipshape.yaml says)',
  },
  write: {
    type: 'boolean',
    description:
      'Update the readiness file, the status section of SERVICE_READINESS and the badges, where shipshape.yaml says (default readiness.yaml, docs/SERVICE_READINESS.md, docs/badges/*.svg)',
  },
  format: {
    type: 'string',
    value: 'text|json|sarif|junit|intoto',
    description:
      'Output format on stdout (sarif: SARIF 2.1.0; intoto: in-toto Statement v1, test-result predicate)',
    default: 'text',
    choices: FORMATS,
  },
  check: {
    type: 'boolean',
    description:
      'Exit 1 when a gate required at or below the target is RED, or AMBER and marked blocking; name each one',
  },
  target: {
    type: 'string',
    value: '<L0..L5>',
    description:
      "The level --check holds the service to (default: the readiness file's target, else the tier)",
    choices: LEVEL_IDS,
  },
  stamp: {
    type: 'string',
    value: '<folder>:<tool>:<inputs>',
    description:
      'Record the provenance of reports another tool just wrote (e.g. reports/tests:vitest:src,test) in <folder>/provenance.json, then stop',
  },
  all: {
    type: 'boolean',
    description:
      'Every service of the workspace (each folder with .shipshape/manifest.json or shipshape.yaml): one table, or one JSON document with --format json',
  },
} as const;

const USAGE = [
  'shipshape readiness <service-dir> [--conformance <conformance.json>] [--write]',
  '                           [--format text|json|sarif|junit|intoto] [--check [--target Lx]]',
  '       shipshape readiness --all [<workspace-dir>] [--format text|json] [--check] [--write]',
].join('\n');
const SUMMARY = [
  'Judges the readiness gates of a service from its artifacts and evidence (docs, specs, migrations applied to an',
  'embedded PostgreSQL, ops files, and the lint, conformance, test, coverage, chaos, load and scan reports that',
  'name this service, its commit and a hash of their inputs) and from its attestations for gates only a person',
  'can vouch for, each read where the service descriptor (shipshape.yaml) says — the generated layout where it',
  'says nothing; derives the level L0–L5. Exit 0: nothing blocks; 1: a gate is RED (with --check: a',
  'gate at or below the target is RED or a blocking gate AMBER, each named on stderr); 2: it could not run.',
].join('\n');

/** `shipshape readiness`: the command module. */
export async function run(argv: string[], io: CliIO): Promise<number> {
  const { flags, positionals, help } = parseFlags(argv, FLAGS);
  if (help) {
    io.out(renderHelp(USAGE, SUMMARY, FLAGS));
    return EXIT_OK;
  }
  if (flags.target !== undefined && !flags.check) throw new UsageError('--target goes with --check');
  const format = (flags.format ?? 'text') as (typeof FORMATS)[number];
  try {
    if (flags.stamp !== undefined) return await stamp(positionals, flags.stamp, io);
    return flags.all
      ? await runAll(positionals, format, flags, io)
      : await runOne(positionals, format, flags, io);
  } catch (error) {
    if (error instanceof ReadinessInputError) throw new UsageError(error.message);
    throw error;
  }
}

interface RunFlags {
  conformance?: string | undefined;
  write?: boolean | undefined;
  check?: boolean | undefined;
  target?: string | undefined;
}

async function stamp(positionals: string[], value: string, io: CliIO): Promise<number> {
  if (positionals.length !== 1) throw new UsageError('--stamp needs exactly one <service-dir>');
  const spec = parseStamp(value);
  if (typeof spec === 'string') throw new UsageError(spec);
  const dir = resolve(io.cwd, positionals[0]);
  const ctx = await createContext(dir, loadCatalog());
  io.err(`wrote ${relative(io.cwd, await stampReports(dir, ctx.service, spec))}`);
  return EXIT_OK;
}

async function runOne(positionals: string[], format: string, flags: RunFlags, io: CliIO): Promise<number> {
  if (positionals.length === 0)
    throw new UsageError('missing <service-dir> (the folder of a generated service), or --all');
  if (positionals.length > 1)
    throw new UsageError(
      `one service folder at a time (got ${positionals.length}); --all scores every service`,
    );
  const result = await evaluateReadiness(resolve(io.cwd, positionals[0]), {
    ...(flags.conformance !== undefined ? { conformance: resolve(io.cwd, flags.conformance) } : {}),
  });
  io.out(render(result, format));
  if (flags.write) await write(result, io);
  if (flags.check) return check([result], flags.target as LevelId | undefined, io);
  return result.summary.RED > 0 ? EXIT_FINDINGS : EXIT_OK;
}

async function runAll(positionals: string[], format: string, flags: RunFlags, io: CliIO): Promise<number> {
  if (positionals.length > 1) throw new UsageError('--all takes at most one workspace folder');
  if (flags.conformance !== undefined)
    throw new UsageError("--conformance names one service's evidence: not with --all");
  if (format !== 'text' && format !== 'json') throw new UsageError('--all prints text or json');
  const all = await evaluateAll(resolve(io.cwd, positionals[0] ?? '.'));
  if (format === 'json') io.out(JSON.stringify(toAllJson(all), null, 2));
  else for (const line of renderAllText(all)) io.out(line);
  if (flags.write) for (const r of all.results) await write(r, io);
  if (flags.check) return check(all.results, flags.target as LevelId | undefined, io);
  return all.results.some((r) => r.summary.RED > 0) ? EXIT_FINDINGS : EXIT_OK;
}

function render(result: ReadinessResult, format: string): string {
  if (format === 'json') return JSON.stringify(toJson(result), null, 2);
  if (format === 'sarif') return JSON.stringify(toSarif(result), null, 2);
  if (format === 'junit') return toJUnit(result);
  if (format === 'intoto') return JSON.stringify(toInToto(result), null, 2);
  return renderText(result).join('\n');
}

async function write(result: ReadinessResult, io: CliIO): Promise<void> {
  const written = await writeReadiness(result);
  io.err(`wrote ${written.written.join(', ')}`);
  for (const s of written.skipped) io.err(`not written: ${s.file}: ${s.reason}`);
}

/** `--check`: one line per blocking gate on stderr, then the verdict; exit 1 when anything blocks. */
function check(results: ReadinessResult[], target: LevelId | undefined, io: CliIO): number {
  let blocked = 0;
  for (const r of results) {
    const level = target ?? r.target;
    const failures = checkFailures(r.gates, level);
    blocked += failures.length;
    for (const f of failures) {
      const why = f.status === 'RED' ? 'RED' : 'AMBER (blocking)';
      io.err(`check: ${r.service}: ${f.id} (${f.level}) ${why}: ${f.reason}`);
    }
    io.err(
      failures.length
        ? `check: ${r.service} fails target ${level}: ${failures.length} gate(s) block (${failures.map((f) => f.id).join(', ')})`
        : `check: ${r.service} passes target ${level}`,
    );
  }
  return blocked > 0 ? EXIT_FINDINGS : EXIT_OK;
}
