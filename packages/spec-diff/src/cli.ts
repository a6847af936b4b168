import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { EXIT_FINDINGS, EXIT_OK, UsageError, parseFlags, renderHelp, type CliIO } from '@shipshape/cli-kit';
import { computeProvenance } from '@shipshape/contracts';
import { againstBase, type BaseComparison } from './cli/base.js';
import { findConfig, readDowngrades } from './cli/config.js';
import { markdown, sarif, summary, textLines, type Compared } from './cli/formats.js';
import { fromDisk, readText } from './cli/inputs.js';
import { lineOf } from './cli/lines.js';
import { DiffInputError, diffTexts, type DiffOptions } from './diff.js';
import type { FailOn } from './types.js';

const FLAGS = {
  base: {
    type: 'string',
    value: '<git-ref>',
    description: "Compare a service's specs with their version at this git ref",
  },
  format: {
    type: 'string',
    value: 'text|json|markdown|sarif',
    description: 'Output format',
    default: 'text',
    choices: ['text', 'json', 'markdown', 'sarif'],
  },
  'fail-on': {
    type: 'string',
    value: 'breaking|warning',
    description: 'What fails the run (exit 1): breaking changes, or warnings too',
    default: 'breaking',
    choices: ['breaking', 'warning'],
  },
  config: {
    type: 'string',
    value: '<shipshape.yaml>',
    description:
      'Service descriptor with diff.downgrades (default: the nearest shipshape.yaml above the spec)',
  },
  'report-dir': {
    type: 'string',
    value: '<dir>',
    description:
      "With --base: where diff.json goes (default the service's reports.diff in shipshape.yaml, else <service-dir>/reports/diff)",
  },
} as const;
const USAGE = 'shipshape diff <old-spec> <new-spec> | shipshape diff --base <git-ref> <service-dir>';
const SUMMARY = [
  'Breaking-change report between two versions of an OpenAPI 3.x or AsyncAPI 3.x document: each change',
  'classed breaking / warning / info with a stable rule id and its JSON pointer in both documents.',
  "Exit 1 on a breaking change unless info.version's major was bumped (with --fail-on warning, also on",
  'a warning); 2 when it cannot run. Rules are downgraded per service in shipshape.yaml (diff.downgrades,',
  'each with a reason). External $refs resolve relative to the file that holds them.',
].join('\n');

const TOOL = 'shipshape-diff';
const VERSION = (() => {
  try {
    return String(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
  } catch {
    return '0.0.0';
  }
})();

async function compare(
  flags: ReturnType<typeof parseFlags<typeof FLAGS>>['flags'],
  positionals: string[],
  io: CliIO,
): Promise<Compared[] | BaseComparison> {
  const failOn = (flags['fail-on'] ?? 'breaking') as FailOn;
  const configFrom = (dir: string) => {
    const file = flags.config ? resolve(io.cwd, flags.config) : findConfig(dir);
    return file ? readDowngrades(file) : [];
  };
  if (flags.base !== undefined) {
    if (positionals.length !== 1) throw new UsageError('--base takes exactly one service directory');
    const options: DiffOptions = { failOn, downgrades: configFrom(resolve(io.cwd, positionals[0])) };
    return againstBase(flags.base, positionals[0], io, options);
  }
  if (positionals.length !== 2)
    throw new UsageError('expected <old-spec> <new-spec> (or --base <git-ref> <service-dir>)');
  if (flags['report-dir']) throw new UsageError('--report-dir goes with --base');
  const [oldPath, newPath] = positionals.map((p) => resolve(io.cwd, p));
  const text = await readText(newPath);
  const options: DiffOptions = {
    failOn,
    downgrades: configFrom(dirname(newPath)),
    old: fromDisk(oldPath),
    new: fromDisk(newPath),
  };
  const report = diffTexts(await readText(oldPath), text, [positionals[0], positionals[1]], options);
  return [{ file: positionals[1], report, text }];
}

/** `shipshape diff`: the command module. */
export async function run(argv: string[], io: CliIO): Promise<number> {
  const { flags, positionals, help } = parseFlags(argv, FLAGS);
  if (help) {
    io.out(renderHelp(USAGE, SUMMARY, FLAGS));
    return EXIT_OK;
  }
  let result: Compared[] | BaseComparison;
  try {
    result = await compare(flags, positionals, io);
  } catch (error) {
    if (error instanceof DiffInputError) throw new UsageError(error.message);
    throw error;
  }
  const compared = Array.isArray(result) ? result : result.compared;
  const reports = compared.map(({ file, base, report }) => ({ file, ...(base ? { base } : {}), report }));
  if (flags.base !== undefined && !Array.isArray(result)) {
    // Evidence for the readiness evaluator (api.versioning, events.schema_registry).
    const { layout } = result;
    const dir = flags['report-dir'] ? resolve(io.cwd, flags['report-dir']) : layout.abs(layout.reports.diff);
    await mkdir(dir, { recursive: true });
    const evidence = {
      tool: TOOL,
      version: VERSION,
      base: flags.base,
      baseCommit: result.baseCommit,
      comparedAt: new Date().toISOString(),
      provenance: computeProvenance({
        serviceDir: layout.root,
        service: layout.name,
        tool: TOOL,
        version: VERSION,
        inputs: result.inputs,
      }),
      specs: reports,
    };
    await writeFile(join(dir, 'diff.json'), JSON.stringify(evidence, null, 2) + '\n');
  }
  const format = flags.format ?? 'text';
  if (format === 'json')
    io.out(JSON.stringify(flags.base === undefined ? reports[0].report : reports, null, 2));
  else if (format === 'markdown') io.out(markdown(compared));
  else if (format === 'sarif') io.out(sarif(compared, VERSION, lineOf));
  else for (const entry of compared) for (const line of textLines(entry)) io.out(line);
  if (format === 'text' || format === 'markdown') for (const entry of compared) io.err(summary(entry));
  return compared.some((c) => c.report.failed) ? EXIT_FINDINGS : EXIT_OK;
}
