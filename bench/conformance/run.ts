/**
 * Times the conformance suite against the fixture service on this machine: the whole suite (all
 * areas concurrently, as `shipshape conformance` runs it) and each area alone. Not a test: it
 * writes results.json and results.md beside this file.
 *
 *   npx tsx --conditions=@shipshape/source bench/conformance/run.ts [--runs 5]
 */
import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { AREAS, runConformance, type Area, type Report } from '@shipshape/conformance';
import { startFixture } from '../../conformance/fixture/app.js';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const fixture = await startFixture();
const tenants = [
  { id: 'tenant-a', token: fixture.tokens.a },
  { id: 'tenant-b', token: fixture.tokens.b },
];
const run = (only?: Area[]): Promise<Report> =>
  runConformance({ url: fixture.url, openapi: fixture.specUrl, tenants, only });

try {
  await run(); // warm-up: JIT, connection pool, spec parsing paths
  const full: Report[] = [];
  for (let i = 0; i < RUNS; i += 1) full.push(await run());
  const alone: Record<string, number[]> = {};
  for (const area of AREAS) {
    alone[area] = [];
    for (let i = 0; i < RUNS; i += 1) alone[area]!.push((await run([area])).durationMs);
  }
  const failed = full.reduce((sum, r) => sum + r.summary.failed, 0);
  const results = {
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
    date: new Date().toISOString(),
    runs: RUNS,
    target: 'conformance/fixture (in-memory, 127.0.0.1)',
    checks: full[0]!.checks.length,
    requests: median(full.map((r) => r.requests)),
    failedChecks: failed,
    fullSuiteMs: {
      median: median(full.map((r) => r.durationMs)),
      max: Math.max(...full.map((r) => r.durationMs)),
    },
    areas: AREAS.map((area) => ({
      area,
      checks: full[0]!.checks.filter((c) => c.area === area).length,
      wallInFullRunMs: median(full.map((r) => r.areas.find((a) => a.area === area)?.wallMs ?? 0)),
      aloneMs: median(alone[area]!),
    })),
  };
  await writeFile(new URL('./results.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
  const md = [
    '# Conformance suite timing',
    '',
    `${results.date} · ${results.machine.cpus} × ${results.machine.model} · Node ${results.machine.node} · ${RUNS} runs, median`,
    '',
    `Target: ${results.target}. ${results.checks} checks, ${results.requests} requests per run, ${failed} failed checks over all runs.`,
    '',
    `**Whole suite: ${(results.fullSuiteMs.median / 1000).toFixed(2)} s** (max ${(results.fullSuiteMs.max / 1000).toFixed(2)} s; budget: 20 s).`,
    '',
    '| area | checks | wall time inside the full run | area alone (`--only`) |',
    '|---|---:|---:|---:|',
    ...results.areas.map(
      (a) =>
        `| ${a.area} | ${a.checks} | ${(a.wallInFullRunMs / 1000).toFixed(2)} s | ${(a.aloneMs / 1000).toFixed(2)} s |`,
    ),
    '',
    'Areas run concurrently inside the full run (8 checks at a time), so their wall times overlap.',
    '',
  ].join('\n');
  await writeFile(new URL('./results.md', import.meta.url), md);
  console.log(md);
} finally {
  await fixture.close();
}
