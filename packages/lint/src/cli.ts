import { join, resolve } from 'node:path';
import { resolveLayout } from '@shipshape/contracts';
import { EXIT_FINDINGS, EXIT_OK, UsageError, parseFlags, renderHelp, type CliIO } from '@shipshape/cli-kit';
import { lintService, ServiceDirError } from './lint-service.js';
import { formatFinding, formatSummary, writeReports } from './report.js';
import type { LintReport } from './types.js';

const FLAGS = {
  format: {
    type: 'string',
    value: 'text|json',
    description: 'Output format on stdout',
    default: 'text',
    choices: ['text', 'json'],
  },
  'report-dir': {
    type: 'string',
    value: '<dir>',
    description:
      'Where lint.json and lint.sarif go (default the reports.lint of shipshape.yaml, else <service-dir>/reports/lint; per service when several)',
  },
  'no-report': { type: 'boolean', description: 'Do not write the JSON and SARIF reports' },
  strict: { type: 'boolean', description: 'Fail (exit 1) on warnings too' },
} as const;

const USAGE = 'shipshape lint <service-dir> [<service-dir>...] [options]';
const SUMMARY = [
  'Lints a service: the Shipshape Spectral ruleset over openapi/ and asyncapi/, the AsyncAPI parser,',
  'errors/error-codes.yaml against the OpenAPI code enums, ops/alerts.yaml with its runbooks, ops/slos.yaml —',
  "or wherever the service's shipshape.yaml says they are.",
  'The ruleset is Spectral oas/asyncapi, the OWASP API Security Top 10 rules and the house rules; every rule',
  "with its gate: docs/rules.md of @shipshape/spectral-ruleset (the docs site's lint rules page).",
  'Prints `file:line:col severity rule message`; exit 0 clean, 1 on an error (or a warning with --strict),',
  '2 when it cannot run.',
].join('\n');

/** `shipshape lint`: the command module. */
export async function run(argv: string[], io: CliIO): Promise<number> {
  const { flags, positionals, help } = parseFlags(argv, FLAGS);
  if (help) {
    io.out(renderHelp(USAGE, SUMMARY, FLAGS));
    return EXIT_OK;
  }
  if (positionals.length === 0)
    throw new UsageError('a service directory is required (shipshape lint <service-dir>)');
  const format = flags.format ?? 'text';

  const reports: LintReport[] = [];
  for (const dir of positionals) {
    try {
      reports.push(await lintService(resolve(io.cwd, dir)));
    } catch (error) {
      if (error instanceof ServiceDirError) throw new UsageError(error.message);
      throw error;
    }
  }
  for (const report of reports) {
    if (flags['no-report']) continue;
    const base = flags['report-dir'] ? resolve(io.cwd, flags['report-dir']) : undefined;
    const dir = base
      ? reports.length > 1
        ? join(base, report.service)
        : base
      : reportDirOf(report.serviceDir);
    await writeReports(report, dir);
  }
  if (format === 'json') {
    io.out(JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2));
  } else {
    for (const report of reports) {
      for (const f of report.findings) io.out(formatFinding(f, report.serviceDir, io.cwd));
      io.err(formatSummary(report));
    }
  }
  const failed = reports.some(
    (r) => r.summary.errors > 0 || (flags.strict === true && r.summary.warnings > 0),
  );
  return failed ? EXIT_FINDINGS : EXIT_OK;
}

/** The lint report folder a service's descriptor names (`reports.lint`; `reports/lint` by default). */
function reportDirOf(serviceDir: string): string {
  const layout = resolveLayout(serviceDir);
  return layout.abs(layout.reports.lint);
}
