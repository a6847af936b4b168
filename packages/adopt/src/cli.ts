import { resolve } from 'node:path';
import { DescriptorError } from '@shipshape/contracts';
import { EXIT_OK, UsageError, parseFlags, renderHelp, type CliIO } from '@shipshape/cli-kit';
import { ReadinessInputError } from '@shipshape/readiness';
import { adopt, type AdoptResult } from './adopt.js';

const FLAGS = {
  'dry-run': {
    type: 'boolean',
    description: 'Print the plan (and the level today) without writing anything',
  },
  gaps: { type: 'string', value: '<n>', description: 'How many readiness gaps to name', default: '5' },
  format: {
    type: 'string',
    value: 'text|json',
    description: 'Output format on stdout',
    default: 'text',
    choices: ['text', 'json'],
  },
} as const;

const USAGE = 'shipshape adopt <service-dir> [--dry-run] [--gaps <n>] [--format text|json]';
const SUMMARY = [
  'Brings a service Shipshape did not generate under the same gates: finds its OpenAPI/AsyncAPI documents,',
  'SQL migrations, Helm charts or Kubernetes manifests, Prometheus rules, docs and package.json scripts,',
  'writes shipshape.yaml with what it found, and adds only what is missing (bundle docs, runbook skeletons,',
  'the error registry, conformance.config.json, a readiness workflow) — never overwriting a file.',
  'Prints the readiness level before and after and the top gaps. Exit 0 when adopted, 2 when it cannot run.',
].join('\n');

const level = (l: string | null | undefined) => (l === null ? 'below L0' : (l ?? '?'));

export function formatResult(result: AdoptResult, dryRun: boolean): string[] {
  const { plan } = result;
  const lines = [`adopt ${plan.layout.name} (${plan.dir})`];
  for (const f of plan.found) lines.push(`  found  ${f}`);
  if (plan.descriptorExisted) lines.push('  using  shipshape.yaml (kept as it is)');
  if (plan.files.length === 0) lines.push('  nothing to add: every piece adopt writes is already there');
  for (const f of plan.files) lines.push(`  ${dryRun ? 'would add' : 'added'}  ${f.path}  — ${f.why}`);
  for (const n of plan.notes) lines.push(`  note   ${n}`);
  if (result.before !== undefined)
    lines.push(
      dryRun
        ? `readiness: ${level(result.before)} today (dry run: nothing written)`
        : `readiness: ${level(result.before)} before, ${level(result.after)} after`,
    );
  if (result.gaps.length > 0) lines.push('top gaps:');
  for (const g of result.gaps) lines.push(`  ${g.status.padEnd(5)} ${g.id}: ${g.reason}`);
  return lines;
}

/** The machine-readable result (`--format json`): paths relative to the service folder. */
export function toJson(result: AdoptResult, dryRun: boolean): Record<string, unknown> {
  const { plan } = result;
  return {
    service: plan.layout.name,
    serviceDir: plan.dir,
    dryRun,
    descriptorExisted: plan.descriptorExisted,
    found: plan.found,
    files: plan.files.map((f) => ({ path: f.path, why: f.why })),
    written: plan.files.filter((f) => result.written.includes(f.file)).map((f) => f.path),
    notes: plan.notes,
    before: result.before ?? null,
    after: result.after ?? null,
    gaps: result.gaps,
  };
}

/** `shipshape adopt`: the command module. */
export async function run(argv: string[], io: CliIO): Promise<number> {
  const { flags, positionals, help } = parseFlags(argv, FLAGS);
  if (help) {
    io.out(renderHelp(USAGE, SUMMARY, FLAGS));
    return EXIT_OK;
  }
  if (positionals.length !== 1)
    throw new UsageError('one service directory is required (shipshape adopt <dir>)');
  const gaps = Number(flags.gaps);
  if (!Number.isInteger(gaps) || gaps < 0)
    throw new UsageError(`--gaps must be a whole number (got ${flags.gaps})`);
  const dir = resolve(io.cwd, positionals[0]);
  const dryRun = flags['dry-run'] === true;
  try {
    const result = await adopt(dir, { dryRun, gaps });
    if (flags.format === 'json') io.out(JSON.stringify(toJson(result, dryRun), null, 2));
    else for (const line of formatResult(result, dryRun)) io.out(line);
  } catch (error) {
    if (error instanceof DescriptorError || error instanceof ReadinessInputError)
      throw new UsageError(error.message);
    if (
      (error as NodeJS.ErrnoException).code === 'ENOENT' ||
      (error as NodeJS.ErrnoException).code === 'ENOTDIR'
    )
      throw new UsageError(`service folder not found: ${positionals[0]}`);
    throw error;
  }
  return EXIT_OK;
}
