import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { EXIT_FINDINGS, EXIT_OK, UsageError, parseFlags, renderHelp, type CliIO } from '@shipshape/cli-kit';
import type { LintReport } from '@shipshape/lint';
import { foldGates, renderScorecard, type EvidenceItem } from '../quickstart/scorecard.js';
import { findWorkspaceRoot } from '../quickstart/workspace.js';
import { run as runConformance } from './conformance.js';

const usage = 'shipshape quickstart [--name payments] [--directory tmp/quickstart/<name>] [--keep]';
const summary =
  'The main job end to end on embedded defaults: generate a service with the Nx generator, start it on in-memory ' +
  'PGlite, run the conformance suite against it, and print the readiness scorecard.';
const flags = {
  name: {
    type: 'string',
    value: '<name>',
    description: 'name of the service to generate',
    default: 'payments',
  },
  directory: {
    type: 'string',
    value: '<dir>',
    description: 'where to generate it (default tmp/quickstart/<name>)',
  },
  org: { type: 'string', value: '<org>', description: 'organisation prefix', default: 'acme' },
  resource: { type: 'string', value: '<singular>', description: 'first aggregate', default: 'payment' },
  keep: { type: 'boolean', description: 'keep the generated service afterwards', default: false },
} as const;

export async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseFlags(argv, flags);
  if (parsed.help) {
    io.out(renderHelp(usage, summary, flags));
    return EXIT_OK;
  }
  const { name, org, resource } = parsed.flags as { name: string; org: string; resource: string };
  const root = findWorkspaceRoot(io.cwd);
  const directory = parsed.flags.directory ?? join('tmp', 'quickstart', name);
  const dir = resolve(root, directory);
  if (relative(root, dir).startsWith('..'))
    throw new UsageError(`--directory must be inside the workspace (${root})`);
  clearPrevious(dir);

  const started = Date.now();
  const step = (n: number, text: string) => io.out(`\n[${n}/4] ${text}`);

  step(
    1,
    `nx g @shipshape/generators:service ${name} --directory ${relative(root, dir)} --org ${org} --resource ${resource}`,
  );
  await nx(root, io, [
    'g',
    '@shipshape/generators:service',
    name,
    `--directory=${relative(root, dir)}`,
    `--org=${org}`,
    `--resource=${resource}`,
    '--skipInstall',
    '--no-interactive',
  ]);
  const manifest = join(dir, '.shipshape', 'manifest.json');
  if (!existsSync(manifest)) throw new UsageError(`the generator wrote no ${relative(root, manifest)}`);

  step(2, 'shipshape lint (house Spectral ruleset, AsyncAPI, error registry, alerts, SLOs)');
  const evidence: EvidenceItem[] = [];
  const lintCode = await lintStep(dir, io, evidence);

  step(3, 'shipshape conformance (service started on embedded defaults: free port, in-memory PGlite)');
  const conformanceCode = await runConformance([dir], io);
  evidence.push(...readConformanceEvidence(join(dir, 'reports', 'conformance', 'conformance.json')));

  step(4, 'readiness scorecard (gates evidenced by this run)');
  const rows = foldGates(evidence);
  for (const line of renderScorecard(rows)) io.out(line);
  io.out(
    `\nquickstart finished in ${((Date.now() - started) / 1000).toFixed(1)} s; reports in ${relative(io.cwd, join(dir, 'reports'))}`,
  );

  if (!parsed.flags.keep) {
    rmSync(dir, { recursive: true, force: true });
    io.out(`removed ${relative(io.cwd, dir)} (pass --keep to keep it)`);
  }
  return lintCode === EXIT_OK && conformanceCode === EXIT_OK && !rows.some((r) => r.status === 'RED')
    ? EXIT_OK
    : EXIT_FINDINGS;
}

/** Only a folder this command generated before (it has a Shipshape manifest) is removed. */
function clearPrevious(dir: string): void {
  if (!existsSync(dir)) return;
  if (!existsSync(join(dir, '.shipshape', 'manifest.json'))) {
    throw new UsageError(`${dir} exists and is not a generated service: choose another --directory`);
  }
  rmSync(dir, { recursive: true, force: true });
}

function nx(root: string, io: CliIO, args: string[]): Promise<void> {
  const require = createRequire(join(root, 'package.json'));
  let bin: string;
  try {
    bin = require.resolve('nx/bin/nx.js');
  } catch {
    throw new UsageError('nx is not installed in this workspace (npm install nx)');
  }
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: root,
      env: {
        ...process.env,
        NX_DAEMON: 'false',
        NX_NO_CLOUD: 'true',
        NX_TUI: 'false',
        NX_INTERACTIVE: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    const collect = (chunk: Buffer) => output.push(chunk.toString('utf8'));
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('exit', (code) => {
      const lines = output
        .join('')
        .split('\n')
        .filter((l) => l.trim());
      const created = lines.filter((l) => /^\s*CREATE /.test(l)).length;
      if (code === 0) {
        io.out(`generated ${created} files`);
        resolveRun();
      } else {
        for (const line of lines.slice(-15)) io.err(line);
        reject(new UsageError(`nx ${args.slice(0, 2).join(' ')} failed with exit code ${code}`));
      }
    });
  });
}

async function lintStep(dir: string, io: CliIO, evidence: EvidenceItem[]): Promise<number> {
  const { run: runLint } = await import('@shipshape/lint/cli');
  const code = await runLint([dir], io);
  evidence.push(...readLintEvidence(join(dir, 'reports', 'lint', 'lint.json')));
  return code;
}

interface ConformanceReport {
  checks: { id: string; gate: string; status: 'pass' | 'fail' | 'skip'; detail?: string }[];
}

function readConformanceEvidence(file: string): EvidenceItem[] {
  if (!existsSync(file)) return [];
  const report = JSON.parse(readFileSync(file, 'utf8')) as ConformanceReport;
  return report.checks.map((c) => ({
    source: 'conformance',
    id: c.id,
    gate: c.gate,
    status: c.status,
    detail: c.detail,
  }));
}

function readLintEvidence(file: string): EvidenceItem[] {
  if (!existsSync(file)) return [];
  const report = JSON.parse(readFileSync(file, 'utf8')) as LintReport;
  return report.gates.map((g) => ({
    source: 'lint',
    id: `lint:${g.id}`,
    gate: g.id,
    status: g.status,
    detail: `${g.errors} errors, ${g.warnings} warnings over ${g.rules.length} rules`,
  }));
}
