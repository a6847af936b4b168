#!/usr/bin/env node
/**
 * bench/lint — wall time of `shipshape lint` for 1 service and for 50 services.
 *
 *   node bench/lint/run.mjs [--rounds 3] [--count 50] [--out bench/lint]
 *
 * The services are copies of services/orders (the committed generated example; the lint fixture
 * packages/lint/test/fixtures/good-service when it is absent), spec folders only (openapi, asyncapi,
 * errors, ops, runbooks), in a temp workspace. Every sample is a whole `shipshape lint` process
 * (`node packages/cli/bin/shipshape.js lint …`, Node start-up and module loading included), reports
 * off (--no-report) so the disk stays out of it. Three shapes:
 *   one        `shipshape lint <svc>`                   — one service
 *   many       `shipshape lint <svc-01> … <svc-50>`      — 50 services, one process
 *   sequential  50 × `shipshape lint <svc-NN>`           — 50 processes, one after the other
 * plus the in-process lint time of each service (the report's durationMs: after start-up).
 * Needs a build (`npm run build` or the root `prepare`). Writes results.json and results.md.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    count: { type: 'string', default: '50' },
    out: { type: 'string', default: join(repo, 'bench', 'lint') },
  },
});
const rounds = Number(values.rounds);
const count = Number(values.count);
if (!Number.isInteger(rounds) || rounds < 1 || !Number.isInteger(count) || count < 1) {
  console.error('bench/lint: --rounds and --count must be positive integers');
  process.exit(2);
}

const bin = join(repo, 'packages', 'cli', 'bin', 'shipshape.js');
const example = join(repo, 'services', 'orders');
const source = existsSync(join(example, 'openapi'))
  ? example
  : join(repo, 'packages', 'lint', 'test', 'fixtures', 'good-service');
const work = mkdtempSync(join(tmpdir(), 'shipshape-bench-lint-'));
const services = [];
for (let i = 1; i <= count; i++) {
  const dir = join(work, 'services', `orders-${String(i).padStart(2, '0')}`);
  mkdirSync(dir, { recursive: true });
  for (const sub of ['openapi', 'asyncapi', 'errors', 'ops', 'runbooks']) {
    if (existsSync(join(source, sub))) cpSync(join(source, sub), join(dir, sub), { recursive: true });
  }
  services.push(dir);
}

function lint(args) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [bin, 'lint', ...args, '--no-report'], {
    encoding: 'utf8',
    cwd: work,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    throw new Error(`shipshape lint exited ${result.status}: the copies must lint clean`);
  }
  return ms;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (ms) => Math.round(ms);

const load = loadavg()[0];
const samples = { one: [], many: [], sequential: [] };
for (let r = 0; r < rounds; r++) {
  samples.one.push(lint([services[0]]));
  samples.many.push(lint(services));
  if (r === 0) samples.sequential.push(services.reduce((sum, dir) => sum + lint([dir]), 0));
}

// In-process lint time per service (after start-up), from the JSON reports of one run.
const json = spawnSync(process.execPath, [bin, 'lint', ...services, '--no-report', '--format', 'json'], {
  encoding: 'utf8',
  cwd: work,
  maxBuffer: 64 * 1024 * 1024,
});
const durations = JSON.parse(json.stdout).map((r) => r.durationMs);

// CPU time of lintService per service (user + system), which a loaded shared machine inflates far
// less than wall time: on an idle core, wall time after start-up is close to it.
const probe = `
  const { lintService } = await import(${JSON.stringify(join(repo, 'packages', 'lint', 'dist', 'index.js'))});
  const dirs = JSON.parse(process.argv[1]);
  const out = [];
  for (const dir of dirs) {
    const before = process.cpuUsage();
    await lintService(dir);
    const used = process.cpuUsage(before);
    out.push((used.user + used.system) / 1000);
  }
  console.log(JSON.stringify(out));
`;
const cpu = JSON.parse(
  execFileSync(process.execPath, ['--input-type=module', '-e', probe, JSON.stringify(services)], {
    encoding: 'utf8',
  }),
);
rmSync(work, { recursive: true, force: true });

const results = {
  tool: 'bench/lint',
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  loadAverageAtStart: Number(load.toFixed(2)),
  commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim(),
  source: source.slice(repo.length + 1),
  services: count,
  rounds,
  wallMs: {
    one: { median: round(median(samples.one)), samples: samples.one.map(round) },
    many: { median: round(median(samples.many)), samples: samples.many.map(round) },
    sequential: { total: round(samples.sequential[0]) },
  },
  inProcessMs: {
    firstService: durations[0],
    medianOfRest: median(durations.slice(1)),
    max: Math.max(...durations.slice(1)),
  },
  inProcessCpuMs: {
    firstService: round(cpu[0]),
    medianOfRest: round(median(cpu.slice(1))),
    max: round(Math.max(...cpu.slice(1))),
  },
};
mkdirSync(values.out, { recursive: true });
// Formatted the way the repository's Prettier check expects.
const prettier = await import('prettier');
writeFileSync(
  join(values.out, 'results.json'),
  await prettier.format(JSON.stringify(results), { parser: 'json' }),
);
const md = `# bench/lint

\`node bench/lint/run.mjs --rounds ${rounds} --count ${count}\` on ${results.date.slice(0, 10)} (commit ${results.commit}),
Node ${results.node}, ${results.cpus} CPUs, load average ${results.loadAverageAtStart} at start (the machine is shared:
compare runs only at similar load). Services: ${count} copies of \`${results.source}\`.

| shape | wall time |
|---|---|
| \`shipshape lint <svc>\` (1 service, one process) | ${results.wallMs.one.median} ms (median of ${rounds}) |
| \`shipshape lint <svc-01> … <svc-${count}>\` (${count} services, one process) | ${results.wallMs.many.median} ms (median of ${rounds}), ${round(results.wallMs.many.median / count)} ms per service |
| ${count} × \`shipshape lint <svc>\` (one process each) | ${results.wallMs.sequential.total} ms total, ${round(results.wallMs.sequential.total / count)} ms per service |

In-process lint time of one service (the report's \`durationMs\`: after Node start-up and module loading):
first service ${results.inProcessMs.firstService} ms (warms Spectral and @asyncapi/parser), then median
${results.inProcessMs.medianOfRest} ms, max ${results.inProcessMs.max} ms. CPU time (user + system) of the same work, which
load inflates far less: first service ${results.inProcessCpuMs.firstService} ms, then median ${results.inProcessCpuMs.medianOfRest} ms, max
${results.inProcessCpuMs.max} ms.
`;
writeFileSync(join(values.out, 'results.md'), md);
console.log(md);
