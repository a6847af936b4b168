/**
 * Benchmark of the runtime's overhead (issue 2 §4), run with `npm run bench -w @shipshape/runtime`:
 *
 *   1. bare Fastify `GET /items/:id` reading one row vs the runtime's `GET /api/v1/items/:id`
 *      (JWT auth, tenant transaction with RLS, tracing, metrics, rate limiting, problem handler on);
 *   2. the runtime's idempotent `POST /api/v1/items` (a fresh Idempotency-Key per request) vs the same
 *      route with idempotency off; a bare Fastify POST is printed for reference.
 *
 * Same database for every scenario: a throwaway PostgreSQL server when the binaries are installed (what
 * production runs), else in-memory PGlite. autocannon with BENCH_CONNECTIONS (50) connections for
 * BENCH_DURATION seconds (10) per scenario, split into BENCH_ROUNDS (3) rounds run in alternation with the
 * scenario it is compared with, after a 2 s warm-up. Results are printed and written to bench/results.md
 * and bench/results.json. Not a test: it asserts nothing, it reports where the targets stand.
 *
 * The servers run in a child process so autocannon's own event loop does not share a thread with them.
 *
 * This file only dispatches: `drive.ts` is the driver process (fork, comparisons, results), `server.ts` the
 * server process (`--serve`, also what compare.ts starts from each tree), `apps.ts` what it serves,
 * `scenarios.ts` the requests compared, `measure.ts` the alternating rounds, `report.ts` results.md/.json.
 */
const run = process.argv.includes('--serve')
  ? import('./server.js').then((m) => m.serve())
  : import('./drive.js').then((m) => m.drive());
run.catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
