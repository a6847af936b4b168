import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { EXIT_FINDINGS, EXIT_OK, UsageError, parseFlags, renderHelp, type CliIO } from '@shipshape/cli-kit';
import { findWorkspaceRoot } from '../quickstart/workspace.js';
import { run as runConformance } from './conformance.js';

const usage = 'shipshape quickstart [--name payments] [--directory tmp/quickstart/<name>] [--keep]';
const summary =
  'The main job end to end on embedded defaults: generate a service with the Nx generator, start it on in-memory ' +
  'PGlite, run the conformance suite against it, print the readiness scorecard (gates GREEN/AMBER/RED and the level) ' +
  'and build the docs site with the service in its catalog (tmp/quickstart/site).';
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
  clearPrevious(root, dir, name);

  const started = Date.now();
  const step = (n: number, text: string) => io.out(`\n[${n}/5] ${text}`);

  step(
    1,
    `nx g @shipshape/generators:service ${name} --directory ${relative(root, dir)} --org ${org} --resource ${resource}`,
  );
  const created = await nx(root, io, [
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
  const { run: runLint } = await import('@shipshape/lint/cli');
  const lintCode = await runLint([dir], io);

  step(3, 'shipshape conformance (service started on embedded defaults: free port, in-memory PGlite)');
  const conformanceCode = await runConformance([dir], io);

  step(
    4,
    'shipshape readiness (gates judged from the artifacts, the lint report and the conformance evidence)',
  );
  const { run: runReadiness } = await import('@shipshape/readiness/cli');
  const readinessCode = await runReadiness([dir], io);

  step(5, 'docs site: the kit and the catalog with this service, its gates, API reference and runbooks');
  const site = join(root, 'tmp', 'quickstart', 'site');
  const siteCode = await buildDocsSite(root, io, dirname(dir), site);
  if (siteCode === EXIT_OK)
    io.out(
      `docs site in ${relative(io.cwd, site)}: npx nx run docs:preview -- --dir ${site}, then open http://127.0.0.1:4173/services/${name}/`,
    );
  io.out(
    `\nquickstart finished in ${((Date.now() - started) / 1000).toFixed(1)} s; reports in ${relative(io.cwd, join(dir, 'reports'))}`,
  );

  if (!parsed.flags.keep) {
    // The generator also writes outside the service folder (its CI workflow): remove exactly what it created.
    for (const file of created)
      if (!resolve(root, file).startsWith(dir)) rmSync(resolve(root, file), { force: true });
    rmSync(dir, { recursive: true, force: true });
    io.out(`removed ${relative(io.cwd, dir)} and the files generated with it (pass --keep to keep them)`);
  }
  return [lintCode, conformanceCode, readinessCode, siteCode].every((code) => code === EXIT_OK)
    ? EXIT_OK
    : EXIT_FINDINGS;
}

/**
 * Only a folder this command generated before (it has a Shipshape manifest) is removed, with the CI workflow
 * generated beside it.
 */
function clearPrevious(root: string, dir: string, name: string): void {
  if (!existsSync(dir)) return;
  if (!existsSync(join(dir, '.shipshape', 'manifest.json'))) {
    throw new UsageError(`${dir} exists and is not a generated service: choose another --directory`);
  }
  rmSync(dir, { recursive: true, force: true });
  rmSync(join(root, '.github', 'workflows', `${name}.yml`), { force: true });
}

/** Runs `nx` from the workspace; resolves with the workspace-relative paths the generator created. */
function nx(root: string, io: CliIO, args: string[]): Promise<string[]> {
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
      const created = lines.flatMap((l) => /^\s*CREATE (\S+)/.exec(l)?.[1] ?? []);
      if (code === 0) {
        if (args[0] === 'g') io.out(`generated ${created.length} files`);
        resolveRun(created);
      } else {
        for (const line of lines.slice(-15)) io.err(line);
        reject(new UsageError(`nx ${args.slice(0, 2).join(' ')} failed with exit code ${code}`));
      }
    });
  });
}

/**
 * Builds the docs site of the workspace's kit with the services of `servicesDir` into `outDir` (the site stays
 * when the service is removed). A workspace without the docs project skips it with the reason.
 */
async function buildDocsSite(root: string, io: CliIO, servicesDir: string, outDir: string): Promise<number> {
  if (!existsSync(join(root, 'docs', 'project.json'))) {
    io.out('skipped: this workspace has no docs project (docs/project.json)');
    return EXIT_OK;
  }
  try {
    await nx(root, io, [
      'run',
      'docs:build',
      '--',
      `--services=${servicesDir}`,
      `--out=${outDir}`,
      '--quiet',
    ]);
    return EXIT_OK;
  } catch (error) {
    io.err(`docs site: ${(error as Error).message}`);
    return EXIT_FINDINGS;
  }
}
