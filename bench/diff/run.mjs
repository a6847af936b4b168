#!/usr/bin/env node
/**
 * bench/diff — wall time and peak memory of `shipshape diff` on a large generated OpenAPI pair.
 *
 *   node bench/diff/run.mjs [--rounds 3] [--resources 350] [--out bench/diff]
 *
 * The pair comes from generate.mjs (deterministic; nothing is fetched): `resources` aggregates with
 * 6 operations each, ≈ 20-field schemas, shared components, webhooks, and a known set of edits in the
 * new document. Measurements, each in a fresh process:
 *   parse  both documents parsed only with the package's parser (the baseline of the same run)
 *   yaml   the same with the `yaml` package (the parser used before; first round only: slow)
 *   diff   the whole comparison in-process (parse + dereference + compare): time and peak RSS
 *   cli    `shipshape diff old.yaml new.yaml --format json` end to end (Node start-up included),
 *          peak RSS through /usr/bin/time when present
 * Needs a build (`npm run build` or `npx tsc -b packages/cli/tsconfig.lib.json`). Writes results.json
 * and results.md. Not a test: the numbers depend on the machine and its load.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { generatePair } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    resources: { type: 'string', default: '350' },
    out: { type: 'string', default: here },
  },
});
const rounds = Number(values.rounds);
const resources = Number(values.resources);
if (!Number.isInteger(rounds) || rounds < 1 || !Number.isInteger(resources) || resources < 1) {
  console.error('bench/diff: --rounds and --resources must be positive integers');
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'shipshape-bench-diff-'));
const load = loadavg()[0];
try {
  const { oldDoc, newDoc, edits } = generatePair({ resources });
  const [oldFile, newFile] = [join(work, 'old.yaml'), join(work, 'new.yaml')];
  writeFileSync(oldFile, stringify(oldDoc, { aliasDuplicateObjects: false }));
  writeFileSync(newFile, stringify(newDoc, { aliasDuplicateObjects: false }));
  const sizeMB = [oldFile, newFile].map((f) => statSync(f).size / 1e6);

  const measure = (mode) => {
    const out = execFileSync(process.execPath, [join(here, 'measure.mjs'), mode, oldFile, newFile], {
      cwd: repo,
      encoding: 'utf8',
      maxBuffer: 1e8,
    });
    return JSON.parse(out.trim().split('\n').pop());
  };
  const bin = join(repo, 'packages', 'cli', 'bin', 'shipshape.js');
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const cli = () => {
    const args = [bin, 'diff', oldFile, newFile, '--format', 'json'];
    const t = performance.now();
    const r = timeBin
      ? spawnSync(timeBin, ['-f', 'maxrss=%M cpu=%U+%S', process.execPath, ...args], {
          cwd: work,
          encoding: 'utf8',
          maxBuffer: 1e9,
        })
      : spawnSync(process.execPath, args, { cwd: work, encoding: 'utf8', maxBuffer: 1e9 });
    const ms = performance.now() - t;
    if (r.status !== 0 && r.status !== 1) throw new Error(`shipshape diff exited ${r.status}: ${r.stderr}`);
    const rss = /maxrss=(\d+)/.exec(r.stderr ?? '');
    const cpu = /cpu=([\d.]+)\+([\d.]+)/.exec(r.stderr ?? '');
    const cpuMs = cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : undefined;
    return { ms, cpuMs, maxRssMB: rss ? Number(rss[1]) / 1024 : undefined, exit: r.status };
  };

  const samples = { parse: [], yaml: [measure('yaml')], diff: [], cli: [] };
  for (let i = 0; i < rounds; i++) {
    samples.parse.push(measure('parse'));
    samples.diff.push(measure('diff'));
    samples.cli.push(cli());
  }
  const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const med = (list, key) => median(list.map((s) => s[key]));
  const min = (list) => Math.min(...list.map((s) => s.ms));
  const results = {
    date: new Date().toISOString(),
    commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim(),
    node: process.version,
    cpus: cpus().length,
    loadAverage: load,
    resources,
    sizeMB,
    edits: edits.length,
    changes: samples.diff[0].changes,
    breaking: samples.diff[0].breaking,
    parseMs: med(samples.parse, 'ms'),
    yamlParseMs: samples.yaml[0].ms,
    diffMs: med(samples.diff, 'ms'),
    minMs: { parse: min(samples.parse), diff: min(samples.diff), cli: min(samples.cli) },
    cpuMs: {
      parse: med(samples.parse, 'cpuMs'),
      diff: med(samples.diff, 'cpuMs'),
      cli: samples.cli[0].cpuMs === undefined ? undefined : med(samples.cli, 'cpuMs'),
    },
    diffOverParse: med(samples.diff, 'ms') / med(samples.parse, 'ms'),
    diffPeakRssMB: Math.max(...samples.diff.map((s) => s.maxRssMB)),
    cliMs: med(samples.cli, 'ms'),
    cliPeakRssMB:
      samples.cli[0].maxRssMB === undefined ? undefined : Math.max(...samples.cli.map((s) => s.maxRssMB)),
    samples,
  };
  writeFileSync(join(values.out, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  const f = (n) => (n === undefined ? 'n/a' : Math.round(n).toString());
  const md = `# bench/diff

\`node bench/diff/run.mjs --rounds ${rounds} --resources ${resources}\` on ${results.date.slice(0, 10)} (commit ${results.commit}),
Node ${results.node}, ${results.cpus} CPUs, load average ${load.toFixed(2)} at start (the machine is shared:
compare runs only at similar load). Pair: generated by \`generate.mjs\` (nothing fetched), OpenAPI 3.1,
${sizeMB.map((s) => s.toFixed(1)).join(' MB / ')} MB of YAML, ${resources} aggregates (${resources * 6} operations,
${resources * 3 + 4} schemas, ${resources} webhooks); ${results.edits} edits in the new document, reported as
${results.changes} changes (${results.breaking} breaking).

| measurement | wall, median of ${rounds} | wall, best of ${rounds} | CPU (user + system), median | peak memory (RSS) |
|---|---|---|---|---|
| parse both documents only (baseline: js-yaml) | ${f(results.parseMs)} ms | ${f(results.minMs.parse)} ms | ${f(results.cpuMs.parse)} ms | — |
| parse both with the \`yaml\` package (the parser used before; 1 sample) | ${f(results.yamlParseMs)} ms | | | — |
| whole diff in-process (parse + dereference + compare) | ${f(results.diffMs)} ms (${results.diffOverParse.toFixed(2)} × the parse) | ${f(results.minMs.diff)} ms | ${f(results.cpuMs.diff)} ms | ${f(results.diffPeakRssMB)} MB |
| \`shipshape diff old.yaml new.yaml --format json\` (a process, Node start-up included) | ${f(results.cliMs)} ms | ${f(results.minMs.cli)} ms | ${f(results.cpuMs.cli)} ms | ${f(results.cliPeakRssMB)} MB |

On a loaded machine the best sample and the CPU time are the closer estimates of the work itself (CPU
time counts garbage collection on other threads too, so it can exceed wall time on an idle machine);
the median shows what the load added.

Target (issue 12): under 5 s for a pair of several MB. Samples: results.json.
`;
  writeFileSync(join(values.out, 'results.md'), md);
  console.log(md);
} finally {
  rmSync(work, { recursive: true, force: true });
}
