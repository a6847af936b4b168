#!/usr/bin/env node
/**
 * bench/generate — how long `nx g @shipshape/generators:service` takes next to `nx g @nx/node:application`,
 * in the same temp workspace, same run, alternating which goes first, several rounds.
 *
 *   node bench/generate/run.mjs [--rounds 5] [--out bench/generate]
 *
 * Each run is a whole `nx g` process (Nx start-up included, the same for both). Both format with Prettier;
 * neither installs packages (--skipInstall / --skipPackageJson), so the network never enters the timing.
 * @nx/node:application runs with its defaults (eslint, jest, e2e project), the usual way it is invoked.
 * Writes results.json (every sample) and results.md (medians, ratio, files per second).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(repo, 'package.json'));
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    out: { type: 'string', default: join(repo, 'bench', 'generate') },
  },
});
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error('bench/generate: --rounds must be a positive integer');
  process.exit(2);
}

const ws = mkdtempSync(join(tmpdir(), 'shipshape-bench-generate-'));
writeFileSync(
  join(ws, 'package.json'),
  JSON.stringify(
    { name: 'bench-workspace', private: true, type: 'module', workspaces: ['services/*', 'apps/*'] },
    null,
    2,
  ),
);
writeFileSync(
  join(ws, 'nx.json'),
  JSON.stringify({
    neverConnectToCloud: true,
    analytics: false,
    useDaemonProcess: false,
    tui: { enabled: false },
  }),
);
for (const f of ['tsconfig.base.json', 'eslint.config.mjs', '.prettierrc.json'])
  copyFileSync(join(repo, f), join(ws, f));
symlinkSync(join(repo, 'node_modules'), join(ws, 'node_modules'), 'dir');
const nx = join(dirname(require.resolve('nx/package.json')), require('nx/package.json').bin.nx);

// Package installs are not generation: @nx/node:application ends with `npm install` of the dependencies it adds
// (it ignores --skipPackageJson for them), which would hit the network and, through the linked node_modules,
// could touch this checkout. A stand-in `npm` first on PATH answers `--version` and records any other call.
const shimDir = join(ws, '.bench-bin');
const installLog = join(ws, '.bench-npm-calls.log');
mkdirSync(shimDir);
const realNpmVersion = execFileSync('npm', ['--version'], { encoding: 'utf8' }).trim();
writeFileSync(
  join(shimDir, 'npm'),
  `#!/bin/sh\nif [ "$1" = "--version" ] || [ "$1" = "-v" ]; then echo ${realNpmVersion}; exit 0; fi\necho "npm $*" >> ${installLog}\nexit 0\n`,
);
chmodSync(join(shimDir, 'npm'), 0o755);
const env = {
  ...process.env,
  PATH: `${shimDir}:${process.env.PATH}`,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  CI: 'true',
  NO_COLOR: '1',
};

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/**
 * Runs one `nx g`, returns wall time (ms), CPU time (user + system, ms; measured by /usr/bin/time when
 * present — less sensitive than wall time to other work on a shared machine) and the files it created.
 */
function generate(args) {
  const command = [process.execPath, nx, 'g', ...args, '--no-interactive'];
  const [file, argv] = TIME ? [TIME, ['-f', 'cpu %U %S', ...command]] : [command[0], command.slice(1)];
  const start = process.hrtime.bigint();
  const result = spawnSync(file, argv, { cwd: ws, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`nx g ${args[0]} failed:\n${result.stdout}\n${result.stderr}`);
  const files = result.stdout.split('\n').filter((l) => /^CREATE /.test(l.trim())).length;
  const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(result.stderr);
  return { ms, cpuMs: cpu ? Math.round((Number(cpu[1]) + Number(cpu[2])) * 1000) : undefined, files };
}

const kinds = {
  shipshape: (i) =>
    generate(['@shipshape/generators:service', `svc${i}`, '--resource', 'item', '--skipInstall']),
  'nx-node': (i) => generate(['@nx/node:application', `apps/node${i}`, '--skipPackageJson']),
  // the closer match to a service with its own tests and lint: ESLint, Jest and a Jest e2e project
  'nx-node-full': (i) =>
    generate([
      '@nx/node:application',
      `apps/full${i}`,
      '--skipPackageJson',
      '--linter',
      'eslint',
      '--unitTestRunner',
      'jest',
      '--e2eTestRunner',
      'jest',
    ]),
};

const loadBefore = loadavg()[0];
const samples = [];
let shimmedInstalls = 0;
try {
  generate(['@shipshape/generators:service', 'warmup', '--skipInstall']); // first Nx run builds its caches
  for (let i = 0; i < rounds; i++) {
    const order =
      i % 2 === 0 ? ['shipshape', 'nx-node', 'nx-node-full'] : ['nx-node-full', 'nx-node', 'shipshape'];
    for (const kind of order) {
      const s = kinds[kind](i);
      samples.push({ round: i, kind, ...s });
      console.log(
        `round ${i + 1}/${rounds} ${kind.padEnd(12)} ${s.ms.toFixed(0).padStart(6)} ms wall ${String(s.cpuMs ?? '?').padStart(6)} ms cpu  ${s.files} files`,
      );
    }
  }
  if (existsSync(installLog)) shimmedInstalls = readFileSync(installLog, 'utf8').trim().split('\n').length;
} finally {
  rmSync(ws, { recursive: true, force: true });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const summary = Object.fromEntries(
  Object.keys(kinds).map((kind) => {
    const mine = samples.filter((s) => s.kind === kind);
    const ms = median(mine.map((s) => s.ms));
    const cpuMs = mine.every((s) => s.cpuMs !== undefined) ? median(mine.map((s) => s.cpuMs)) : undefined;
    const files = median(mine.map((s) => s.files));
    const filesPerSecond = Math.round((files / ms) * 1000 * 10) / 10;
    return [kind, { medianMs: Math.round(ms), medianCpuMs: cpuMs, files, filesPerSecond }];
  }),
);
const round2 = (x) => Math.round(x * 100) / 100;
const ratio = round2(summary.shipshape.medianMs / summary['nx-node'].medianMs);
const fileRatio = Math.round((summary.shipshape.files / summary['nx-node'].files) * 10) / 10;
const ratioFull = round2(summary.shipshape.medianMs / summary['nx-node-full'].medianMs);
const cpuRatio = (other) =>
  summary.shipshape.medianCpuMs && summary[other].medianCpuMs
    ? round2(summary.shipshape.medianCpuMs / summary[other].medianCpuMs)
    : undefined;
const cpuRatios = { 'nx-node': cpuRatio('nx-node'), 'nx-node-full': cpuRatio('nx-node-full') };
const fileRatioFull = Math.round((summary.shipshape.files / summary['nx-node-full'].files) * 10) / 10;
const result = {
  bench: 'generate',
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  loadAverage: { before: Math.round(loadBefore * 10) / 10, after: Math.round(loadavg()[0] * 10) / 10 },
  rounds,
  summary,
  ratio,
  fileRatio,
  ratioFull,
  fileRatioFull,
  cpuRatios,
  target: 'ratio <= 1.5 while writing several times more files',
  shimmedInstalls,
  samples,
};
writeFileSync(join(values.out, 'results.json'), JSON.stringify(result, null, 2) + '\n');
writeFileSync(
  join(values.out, 'results.md'),
  `# bench/generate — ${result.date.slice(0, 10)}

\`node bench/generate/run.mjs --rounds ${rounds}\` on Node ${process.version}, ${cpus().length} CPUs (shared machine: 1-minute load
average ${result.loadAverage.before} before, ${result.loadAverage.after} after — absolute times are noisy, the ratios are the figure).
Each sample is one whole \`nx g\` process in the same temp workspace, alternating which generator runs first.

| generator | median wall time | median CPU time | files written | files / second (wall) |
|---|---:|---:|---:|---:|
${[
  ['`@shipshape/generators:service` (full tree)', 'shipshape'],
  ['`@nx/node:application` (defaults)', 'nx-node'],
  ['`@nx/node:application` (ESLint, Jest, Jest e2e)', 'nx-node-full'],
]
  .map(
    ([label, k]) =>
      `| ${label} | ${summary[k].medianMs} ms | ${summary[k].medianCpuMs ?? '?'} ms | ${summary[k].files} | ${summary[k].filesPerSecond} |`,
  )
  .join('\n')}

**Time ratio against the defaults: ${ratio}×** (target ≤ 1.5×) while writing **${fileRatio}×** the files;
against the variant with ESLint and Jest: **${ratioFull}×** while writing **${fileRatioFull}×** the files.
CPU-time ratios (less sensitive to the machine's load): ${cpuRatios['nx-node'] ?? '?'}× against the defaults,
${cpuRatios['nx-node-full'] ?? '?'}× against ESLint and Jest.
Package installs are left out of both (\`--skipInstall\` here; a stand-in \`npm\` absorbed the
${shimmedInstalls} \`npm install\` call(s) @nx/node:application makes). All samples are in results.json.
`,
);
console.log(
  `\nratio ${ratio}× vs defaults (${fileRatio}× the files), ${ratioFull}× vs eslint+jest (${fileRatioFull}× the files); results in ${values.out}/results.{json,md}`,
);
