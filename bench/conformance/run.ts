/**
 * Times the conformance suite against the fixture service on this machine: the whole suite (all
 * areas concurrently, as `shipshape conformance` runs it) and each area alone; then the whole suite
 * against the generated example service (services/orders on @shipshape/runtime, in-memory PGlite)
 * when it is in the workspace. Not a test: it writes results.json and results.md beside this file.
 *
 *   npx tsx --conditions=@shipshape/source bench/conformance/run.ts [--runs 5]
 */
import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { fileURLToPath } from 'node:url';
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

/** The whole suite against services/orders, started in-process on in-memory PGlite. */
async function timeExample() {
  const serviceApp = new URL('../../services/orders/src/app.ts', import.meta.url).href;
  const runtimeName = '@shipshape/runtime';
  let runtime: {
    createService: (d: unknown, c: unknown) => Promise<{ app: FastifyInstance; close(): Promise<void> }>;
    loadConfig: (env: Record<string, string>) => unknown;
    mintDevToken: (o: { tenant: string; serviceName: string }) => Promise<string>;
  };
  let definition: { name: string };
  try {
    runtime = await import(runtimeName);
    ({ definition } = (await import(serviceApp)) as { definition: { name: string } });
  } catch {
    return undefined;
  }
  const svc = await runtime.createService(
    definition,
    runtime.loadConfig({ DATABASE_URL: 'memory://', LOG_LEVEL: 'silent' }),
  );
  await svc.app.listen({ host: '127.0.0.1', port: 0 });
  const port = (svc.app.server.address() as { port: number }).port;
  try {
    const options = {
      url: `http://127.0.0.1:${port}`,
      openapi: fileURLToPath(
        new URL(`../../services/orders/openapi/${definition.name}.yaml`, import.meta.url),
      ),
      config: fileURLToPath(new URL('../../services/orders/conformance.config.json', import.meta.url)),
      tenants: await Promise.all(
        ['tenant-a', 'tenant-b'].map(async (id) => ({
          id,
          token: await runtime.mintDevToken({ tenant: id, serviceName: definition.name }),
        })),
      ),
    };
    await runConformance(options);
    const reports: Report[] = [];
    for (let i = 0; i < RUNS; i += 1) reports.push(await runConformance(options));
    const last = reports.at(-1)!;
    return {
      target: 'services/orders (@shipshape/runtime, in-memory PGlite, 127.0.0.1)',
      fullSuiteMs: {
        median: median(reports.map((r) => r.durationMs)),
        max: Math.max(...reports.map((r) => r.durationMs)),
      },
      requests: last.requests,
      summary: last.summary,
      areas: AREAS.map((area) => ({
        area,
        wallMs: median(reports.map((r) => r.areas.find((a) => a.area === area)?.wallMs ?? 0)),
      })),
    };
  } finally {
    await svc.close();
  }
}

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
  const example = await timeExample();
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
    example,
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
    ...(example
      ? [
          '## The generated example service',
          '',
          `services/orders on @shipshape/runtime (in-memory PGlite), ${RUNS} runs: **${(example.fullSuiteMs.median / 1000).toFixed(2)} s** median (max ${(example.fullSuiteMs.max / 1000).toFixed(2)} s), ${example.requests} requests, ${example.summary.passed} passed, ${example.summary.failed} failed, ${example.summary.skipped} skipped.`,
          '',
          '| area | wall time inside the full run |',
          '|---|---:|',
          ...example.areas.map((a) => `| ${a.area} | ${(a.wallMs / 1000).toFixed(2)} s |`),
          '',
        ]
      : ['The example service (services/orders) was not found: only the fixture was timed.', '']),
  ].join('\n');
  await writeFile(new URL('./results.md', import.meta.url), md);
  console.log(md);
} finally {
  await fixture.close();
}
