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
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { format, resolveConfig } from 'prettier';
import { stringify } from 'yaml';
import { findPostgresBinDir, startPostgres, type PostgresServer } from '@shipshape/testing';
import {
  createDatabase,
  createService,
  loadConfig,
  mintDevToken,
  problem,
  standardRegistryEntries,
  type Database,
  type ServiceDefinition,
} from '../src/index.js';
import { startProfile } from './profiler.js';
import { peakRssMb, rssMb } from './rss.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = 2;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const HERE = fileURLToPath(new URL('.', import.meta.url));
const NOTES_MARKER = '<!-- notes: kept by bench.ts across runs -->';

const MIGRATION = `
CREATE TABLE items (
  id         text PRIMARY KEY,
  tenant_id  text NOT NULL,
  name       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE items ENABLE ROW LEVEL SECURITY;
ALTER TABLE items FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON items
  USING (tenant_id = (SELECT shipshape_current_tenant()))
  WITH CHECK (tenant_id = (SELECT shipshape_current_tenant()));
GRANT SELECT, INSERT, UPDATE, DELETE ON items TO shipshape_app;
`;

const itemBody = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { name: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

interface Figures {
  scenario: string;
  requestsPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

interface Scenario {
  name: string;
  options: autocannon.Options;
  makeRequest?: () => autocannon.Request;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Runs the scenarios of one comparison in alternation, ROUNDS times, so a burst of load from other processes
 * on a shared machine hits both sides of a ratio alike. Figures: total requests / total time, median of the
 * rounds' p50 and p99.
 */
async function compare(group: Scenario[]): Promise<Figures[]> {
  const rounds = group.map(() => [] as autocannon.Result[]);
  const optionsOf = (s: Scenario): autocannon.Options => ({
    connections: CONNECTIONS,
    pipelining: 1,
    ...s.options,
    ...(s.makeRequest
      ? { requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, ...s.makeRequest?.() }) }] }
      : {}),
  });
  for (const s of group) await autocannon({ ...optionsOf(s), duration: WARMUP });
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, s] of group.entries()) {
      rounds[i].push(await autocannon({ ...optionsOf(s), duration: DURATION / ROUNDS }));
    }
  }
  return group.map((s, i) => {
    const results = rounds[i];
    const figures: Figures = {
      scenario: s.name,
      requestsPerSec: Math.round(results.reduce((n, r) => n + r.requests.total, 0) / DURATION),
      p50: median(results.map((r) => r.latency.p50)),
      p99: median(results.map((r) => r.latency.p99)),
      non2xx: results.reduce((n, r) => n + r.non2xx, 0),
      errors: results.reduce((n, r) => n + r.errors + r.timeouts, 0),
    };
    console.log(
      `${s.name.padEnd(44)} ${String(figures.requestsPerSec).padStart(7)} req/s  p50 ${figures.p50} ms  p99 ${figures.p99} ms` +
        (figures.non2xx || figures.errors ? `  (non-2xx ${figures.non2xx}, errors ${figures.errors})` : ''),
    );
    return figures;
  });
}

interface Targets {
  runtimeBase: string;
  bareBase: string;
  seeded: string;
  token: string;
  databaseLabel: string;
}

/** Child process: database, the runtime service and the bare Fastify baseline; reports their URLs. */
async function serve(): Promise<void> {
  let pg: PostgresServer | undefined;
  let databaseUrl = 'memory://';
  let databaseLabel = 'PGlite (in-memory, single connection)';
  if (findPostgresBinDir().available) {
    pg = await startPostgres({ settings: { max_connections: '100' } });
    databaseUrl = await pg.createDatabase('bench');
  }
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    // The production level: one line per request reaches stdout (the parent sends it to /dev/null).
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    // One pool for both sides (the bare app queries the same Database), sized from config as in production.
    DATABASE_POOL_MAX: process.env.BENCH_POOL_MAX ?? '20',
    RATE_LIMIT_MAX: '10000000',
    // autocannon is one client address: the per-address budget must not turn the run into 429s.
    RATE_LIMIT_ADDRESS_MAX: '10000000',
  });
  if (pg) databaseLabel = `PostgreSQL 15 (local server, pool of ${config.database.poolMax})`;
  const serviceDir = await mkdtemp(join(tmpdir(), 'shipshape-bench-'));
  const events = { org: 'acme', service: 'items' };
  let db: Database | undefined;
  const stopped = new Promise<void>((resolve) => process.once('message', () => resolve()));
  try {
    await mkdir(join(serviceDir, 'errors'), { recursive: true });
    await mkdir(join(serviceDir, 'migrations'), { recursive: true });
    await writeFile(join(serviceDir, 'migrations', '0001_items.sql'), MIGRATION);
    await writeFile(
      join(serviceDir, 'errors', 'error-codes.yaml'),
      stringify({
        org: 'acme',
        service: 'items',
        codes: [
          ...standardRegistryEntries('acme', 'items').map(({ code, status, title }) => ({
            code,
            status,
            title,
          })),
          { code: 'ACME.ITEMS.ITEM_NOT_FOUND', status: 404, title: 'Item not found' },
        ],
      }),
    );

    db = await createDatabase({
      url: databaseUrl,
      events,
      pool: {
        max: config.database.poolMax,
        statementTimeoutMs: config.database.statementTimeoutMs,
        idleInTransactionTimeoutMs: config.database.idleInTransactionTimeoutMs,
      },
    });
    const shared = db;
    const definition: ServiceDefinition = {
      name: 'items',
      org: 'acme',
      version: '0.0.0-bench',
      serviceDir,
      routes: (api) => {
        api.get('/ping', async (request) => ({ ok: true, tenant: request.tenant.id }));
        api.get('/items/:id', async (request) => {
          const { id } = request.params as { id: string };
          const row = await api.withTenant(
            request,
            async (tx) =>
              (await tx.query('select id, name, created_at from items where id = $1', [id])).rows[0],
          );
          if (!row) throw problem('ITEM_NOT_FOUND');
          return row;
        });
        const create = (idempotency: boolean) =>
          api.post(
            idempotency ? '/items' : '/items-plain',
            { schema: { body: itemBody }, config: { idempotency } },
            async (request, reply) => {
              const { name } = request.body as { name: string };
              const row = await api.withTenant(
                request,
                async (tx) =>
                  (
                    await tx.query(
                      'insert into items (id, tenant_id, name) values ($1, $2, $3) returning id, name',
                      [randomUUID(), tx.tenantId, name],
                    )
                  ).rows[0],
              );
              return reply.code(201).send(row);
            },
          );
        create(true);
        create(false);
      },
    };
    const svc = await createService(definition, config, { database: shared });
    await svc.app.listen({ port: 0, host: '127.0.0.1' });
    const runtimeBase = `http://127.0.0.1:${(svc.app.server.address() as { port: number }).port}`;

    // The bare baseline: plain Fastify, same database, no runtime plugin.
    const bare = Fastify({ logger: false });
    bare.get('/ping', async () => ({ ok: true, tenant: 't1' }));
    bare.get('/items/:id', async (request, reply) => {
      const { id } = request.params as { id: string };
      const { rows } = await shared.query('select id, name, created_at from items where id = $1', [id]);
      if (!rows[0]) return reply.code(404).send({ error: 'not found' });
      return rows[0];
    });
    bare.post('/items', { schema: { body: itemBody } }, async (request, reply) => {
      const { name } = request.body as { name: string };
      const { rows } = await shared.query(
        'insert into items (id, tenant_id, name) values ($1, $2, $3) returning id, name',
        [randomUUID(), 't1', name],
      );
      return reply.code(201).send(rows[0]);
    });
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const bareBase = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;

    const seeded = 'item-0001';
    await shared.query("insert into items (id, tenant_id, name) values ($1, 't1', 'seeded')", [seeded]);
    const token = await mintDevToken({ tenant: 't1', serviceName: 'items', ttl: '2h' });
    const targets: Targets = { runtimeBase, bareBase, seeded, token, databaseLabel };
    const stopProfile = await startProfile(process.env.BENCH_CPU_PROF);
    process.send?.(targets);
    await stopped;
    await stopProfile();
    await bare.close();
    await svc.close();
  } finally {
    await db?.close();
    await pg?.cleanup();
    await rm(serviceDir, { recursive: true, force: true });
  }
}

/** Parent process: drives the scenarios with autocannon and writes the results. */
async function main(): Promise<void> {
  // The service's log lines (stdout) go to /dev/null: written, as in production, but not shown.
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const targets = await Promise.race([
    new Promise<Targets>((resolve) => child.once('message', (m) => resolve(m as Targets))),
    exited.then((code) => Promise.reject(new Error(`bench server exited with ${code}`))),
  ]);
  try {
    const { runtimeBase, bareBase, seeded, token, databaseLabel } = targets;
    const loadAtStart = loadavg()[0].toFixed(1);
    const idleRss = rssMb(child.pid);
    const auth = { authorization: `Bearer ${token}` };
    const json = { 'content-type': 'application/json' };
    const body = JSON.stringify({ name: 'bench item' });

    console.log(
      `\nDatabase: ${databaseLabel}; ${CONNECTIONS} connections, ${DURATION} s per scenario in ${ROUNDS} alternating rounds after ${WARMUP} s warm-up; ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'})\n`,
    );
    const [bareGet, runtimeGet] = await compare([
      { name: 'bare Fastify GET /items/:id', options: { url: `${bareBase}/items/${seeded}` } },
      {
        name: 'runtime GET /api/v1/items/:id',
        options: { url: `${runtimeBase}/api/v1/items/${seeded}`, headers: auth },
      },
    ]);
    const [barePing, runtimePing] = await compare([
      { name: 'bare Fastify GET /ping (no database)', options: { url: `${bareBase}/ping` } },
      {
        name: 'runtime GET /api/v1/ping (no database)',
        options: { url: `${runtimeBase}/api/v1/ping`, headers: auth },
      },
    ]);
    const [barePost, plainPost, idemPost] = await compare([
      {
        name: 'bare Fastify POST /items (reference)',
        options: { url: `${bareBase}/items`, method: 'POST', headers: json, body },
      },
      {
        name: 'runtime POST, idempotency off',
        options: {
          url: `${runtimeBase}/api/v1/items-plain`,
          method: 'POST',
          headers: { ...auth, ...json },
          body,
        },
      },
      {
        name: 'runtime POST with a fresh Idempotency-Key',
        options: { url: `${runtimeBase}/api/v1/items`, method: 'POST', headers: { ...auth, ...json }, body },
        makeRequest: () => ({ headers: { ...auth, ...json, 'idempotency-key': randomUUID() } }),
      },
    ]);

    const getRatio = runtimeGet.requestsPerSec / bareGet.requestsPerSec;
    const postRatio = idemPost.requestsPerSec / plainPost.requestsPerSec;
    const verdict = (ok: boolean) => (ok ? 'meets' : 'misses');
    const pingRatio = runtimePing.requestsPerSec / barePing.requestsPerSec;
    const lines = [
      `GET ratio runtime / bare: ${getRatio.toFixed(2)} (target ≥ 0.80: ${verdict(getRatio >= 0.8)})`,
      `HTTP core alone (no database) runtime / bare: ${pingRatio.toFixed(2)}`,
      `POST ratio idempotent / plain: ${postRatio.toFixed(2)} (target ≥ 0.60: ${verdict(postRatio >= 0.6)})`,
      `p99 at ${CONNECTIONS} connections: runtime GET ${runtimeGet.p99} ms, idempotent POST ${idemPost.p99} ms (target ≤ 25 ms: ${verdict(
        Math.max(runtimeGet.p99, idemPost.p99) <= 25,
      )})`,
      `server process RSS: ${idleRss ?? '?'} MB idle, ${peakRssMb(child.pid) ?? '?'} MB peak under load (target ≤ 150 / ≤ 250 MB; runtime and bare app in one process, TypeScript through tsx)`,
    ];
    console.log(`\n${lines.join('\n')}\n`);

    const all = [bareGet, runtimeGet, barePing, runtimePing, barePost, plainPost, idemPost];
    const when = new Date().toISOString();
    const table = [
      '| scenario | req/s | p50 ms | p99 ms | non-2xx | errors |',
      '|---|---:|---:|---:|---:|---:|',
      ...all.map(
        (f) => `| ${f.scenario} | ${f.requestsPerSec} | ${f.p50} | ${f.p99} | ${f.non2xx} | ${f.errors} |`,
      ),
    ];
    // Hand-written notes below NOTES_MARKER in results.md survive a new run.
    const previous = await readFile(join(HERE, 'results.md'), 'utf8').catch(() => '');
    const notes = previous.includes(NOTES_MARKER) ? previous.slice(previous.indexOf(NOTES_MARKER)) : '';
    const resultsMd = join(HERE, 'results.md');
    await writeFile(
      resultsMd,
      // Formatted like the rest of the repository, so `prettier --check .` stays green after a run.
      await format(
        [
          '# @shipshape/runtime benchmark',
          '',
          `Run ${when} with \`npm run bench -w @shipshape/runtime\` (bench/bench.ts).`,
          `Database: ${databaseLabel}. autocannon, ${CONNECTIONS} connections, ${DURATION} s per scenario in ${ROUNDS} alternating rounds after a ${WARMUP} s warm-up,`,
          `autocannon and the servers in two processes on the same ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'});`,
          `1-minute load average ${loadAtStart} at the start, ${loadavg()[0].toFixed(1)} at the end (other work shares the machine).`,
          '',
          ...table,
          '',
          ...lines.map((l) => `- ${l}`),
          '',
          ...(notes ? [notes.trimEnd(), ''] : []),
        ].join('\n'),
        { ...(await resolveConfig(resultsMd)), parser: 'markdown' },
      ),
    );
    await writeFile(
      join(HERE, 'results.json'),
      `${JSON.stringify({ when, database: databaseLabel, connections: CONNECTIONS, durationSeconds: DURATION, results: all, getRatio, postRatio, pingRatio }, null, 2)}\n`,
    );
  } finally {
    child.send('stop');
    await exited;
  }
}

if (process.argv.includes('--serve')) {
  serve().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
