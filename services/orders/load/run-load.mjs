#!/usr/bin/env node
/**
 * The `load` target of orders (docs/TESTING_STRATEGY.md §9): runs load/orders.k6.js with k6 when `k6` is on
 * PATH, otherwise an autocannon baseline of the same mix (60 % list, 20 % create with a fresh Idempotency-Key,
 * 20 % read back), checks the SLO thresholds and writes reports/load/summary.json.
 *
 *   node load/run-load.mjs [--url http://127.0.0.1:3000] [--token <bearer>] [--duration 30] [--connections 10]
 *                          [--engine k6|autocannon] [--profile baseline|stress|soak] [--record]
 *
 * The service must be running (`npx nx serve orders`). Without --token / LOAD_TOKEN a dev token is minted with
 * `shipshape token`. --record also writes reports/load/baseline.json; without it, a run is compared with the
 * recorded baseline (more than 20 % slower at p95 fails). --profile stress|soak (k6 only) runs the script's
 * other load shapes and writes reports/load/summary-<profile>.json. Exit 0: thresholds met; 1: a threshold failed;
 * 2: the run could not be made (one line says why).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const SERVICE = 'orders';
const SERVICE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCRIPT = join(SERVICE_DIR, 'load', 'orders.k6.js');
const REPORT_DIR = join(SERVICE_DIR, 'reports', 'load');
/** From ops/slos.yaml (latency-p95, latency-p99, error-rate budget). */
const THRESHOLDS = { p95Ms: 250, p99Ms: 1000, maxErrorRate: 0.005 };
const MAX_P95_REGRESSION = 0.2;
/** Below this many milliseconds a p95 difference is measurement noise, not a regression. */
const REGRESSION_FLOOR_MS = 5;
const COLLECTION = '/api/v1/orders';
const READY = '/health/ready';
const BODY = JSON.stringify({ name: 'load test order', description: 'load test order', quantity: 0 });

class RunError extends Error {}

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        url: { type: 'string' },
        token: { type: 'string' },
        duration: { type: 'string' },
        connections: { type: 'string' },
        engine: { type: 'string' },
        profile: { type: 'string' },
        record: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new RunError(error.message);
  }
  const url = (parsed.url ?? process.env.LOAD_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(url)) throw new RunError(`--url must be an http(s) URL, got "${url}"`);
  const duration = Number(parsed.duration ?? process.env.LOAD_DURATION_SECONDS ?? 30);
  const connections = Number(parsed.connections ?? process.env.LOAD_CONNECTIONS ?? 10);
  if (!Number.isInteger(duration) || duration < 1)
    throw new RunError('--duration must be a whole number of seconds ≥ 1');
  if (!Number.isInteger(connections) || connections < 1)
    throw new RunError('--connections must be a whole number ≥ 1');
  const engine = parsed.engine ?? (onPath('k6') ? 'k6' : 'autocannon');
  if (engine !== 'k6' && engine !== 'autocannon') throw new RunError('--engine must be k6 or autocannon');
  const profile = parsed.profile ?? 'baseline';
  if (!['baseline', 'stress', 'soak'].includes(profile))
    throw new RunError('--profile must be baseline, stress or soak');
  if (profile !== 'baseline' && engine !== 'k6') {
    throw new RunError(`--profile ${profile} needs k6 (the autocannon fallback runs the baseline only)`);
  }
  if (profile !== 'baseline' && parsed.record)
    throw new RunError('--record records the baseline profile only');
  return {
    url,
    token: parsed.token ?? process.env.LOAD_TOKEN,
    duration,
    connections,
    engine,
    profile,
    record: parsed.record,
  };
}

function onPath(bin) {
  return spawnSync(bin, ['version'], { stdio: 'ignore' }).status === 0;
}

function mintToken() {
  const tenant = `load-${Date.now().toString(36)}`;
  const run = spawnSync('npx', ['--no-install', 'shipshape', 'token', SERVICE_DIR, '--tenant', tenant], {
    encoding: 'utf8',
  });
  const token = (run.stdout ?? '').trim();
  if (run.status !== 0 || !token) {
    throw new RunError('no token: pass --token or LOAD_TOKEN (could not run `shipshape token`)');
  }
  return token;
}

async function assertReady(url) {
  try {
    const res = await fetch(url + READY, { signal: AbortSignal.timeout(5000) });
    if (res.status !== 200)
      throw new RunError(`${url}${READY} answered ${res.status}: the service is not ready`);
  } catch (error) {
    if (error instanceof RunError) throw error;
    throw new RunError(`${url} is not reachable: start it with \`npx nx serve ${SERVICE}\` or pass --url`);
  }
}

/** Milliseconds rounded to 0.01. */
const ms = (value) => Math.round(value * 100) / 100;

/** Nearest-rank percentile of sorted values. */
function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return ms(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]);
}

async function runAutocannon({ url, token, duration, connections }) {
  let autocannon;
  try {
    autocannon = (await import('autocannon')).default;
  } catch {
    throw new RunError('neither k6 nor autocannon is available: install k6, or `npm i -D autocannon`');
  }
  const auth = { authorization: `Bearer ${token}` };
  let sequence = 0;
  const runId = Date.now().toString(36);
  const create = {
    method: 'POST',
    path: COLLECTION,
    headers: { ...auth, 'content-type': 'application/json' },
    body: BODY,
    setupRequest: (req) => ({
      ...req,
      headers: { ...req.headers, 'idempotency-key': `load-${runId}-${++sequence}` },
    }),
    onResponse: (status, body, context) => {
      if (status === 201) context.id = JSON.parse(body).id;
    },
  };
  const read = {
    method: 'GET',
    setupRequest: (req, context) => ({
      ...req,
      path: `${COLLECTION}/${context.id ?? '00000000-0000-4000-8000-000000000000'}`,
      headers: auth,
    }),
  };
  const list = { method: 'GET', path: `${COLLECTION}?limit=20`, headers: auth };
  const latencies = [];
  const instance = autocannon({
    url,
    connections,
    duration,
    // Per connection, in order: 1 create, 1 read-back, 3 lists = 20 % / 20 % / 60 %.
    requests: [create, read, list, list, list],
  });
  instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const failed = result.non2xx + result.errors + result.timeouts;
  const total = result.requests.total + result.errors + result.timeouts;
  return {
    requests: total,
    rps: result.requests.average,
    latencyMs: {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: ms(latencies.at(-1) ?? 0),
    },
    errorRate: total === 0 ? 1 : failed / total,
    statusCodes: result.statusCodeStats,
  };
}

function runK6({ url, token, profile }) {
  const summary = join(REPORT_DIR, 'k6-summary.json');
  const env = { LOAD_URL: url, LOAD_TOKEN: token, LOAD_SUMMARY: summary, LOAD_PROFILE: profile };
  const args = ['run', ...Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]), SCRIPT];
  const run = spawnSync('k6', args, { stdio: 'inherit' });
  if (!existsSync(summary)) throw new RunError(`k6 exited with ${run.status} and wrote no summary`);
  const metrics = JSON.parse(readFileSync(summary, 'utf8')).metrics;
  const d = metrics.http_req_duration.values;
  return {
    requests: metrics.http_reqs.values.count,
    rps: metrics.http_reqs.values.rate,
    latencyMs: { p50: ms(d.med), p95: ms(d['p(95)']), p99: ms(d['p(99)']), max: ms(d.max) },
    errorRate: metrics.http_req_failed.values.rate,
    k6ExitCode: run.status,
  };
}

function judge(measured, baseline) {
  const failures = [];
  if (measured.requests === 0) failures.push('no request completed');
  if (measured.latencyMs.p95 >= THRESHOLDS.p95Ms)
    failures.push(`p95 ${measured.latencyMs.p95} ms ≥ ${THRESHOLDS.p95Ms} ms`);
  if (measured.latencyMs.p99 >= THRESHOLDS.p99Ms)
    failures.push(`p99 ${measured.latencyMs.p99} ms ≥ ${THRESHOLDS.p99Ms} ms`);
  if (measured.errorRate >= THRESHOLDS.maxErrorRate) {
    failures.push(`error rate ${measured.errorRate.toFixed(4)} ≥ ${THRESHOLDS.maxErrorRate}`);
  }
  if (baseline && baseline.latencyMs.p95 > 0) {
    const regression = measured.latencyMs.p95 / baseline.latencyMs.p95 - 1;
    if (
      regression > MAX_P95_REGRESSION &&
      measured.latencyMs.p95 - baseline.latencyMs.p95 > REGRESSION_FLOOR_MS
    ) {
      failures.push(
        `p95 ${Math.round(regression * 100)} % slower than the baseline (${baseline.latencyMs.p95} ms)`,
      );
    }
  }
  if (measured.k6ExitCode !== undefined && measured.k6ExitCode !== 0 && failures.length === 0) {
    failures.push(`k6 exited with ${measured.k6ExitCode} (a check or threshold failed)`);
  }
  return failures;
}

async function main() {
  const opts = options();
  await assertReady(opts.url);
  const token = opts.token || mintToken();
  mkdirSync(REPORT_DIR, { recursive: true });
  const baselineFile = join(REPORT_DIR, 'baseline.json');
  const baseline =
    !opts.record && opts.profile === 'baseline' && existsSync(baselineFile)
      ? JSON.parse(readFileSync(baselineFile, 'utf8'))
      : undefined;
  const startedAt = new Date();
  const measured = opts.engine === 'k6' ? runK6({ ...opts, token }) : await runAutocannon({ ...opts, token });
  const failures = judge(measured, baseline);
  const report = {
    tool: opts.engine,
    profile: opts.profile,
    service: SERVICE,
    target: opts.url,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    connections: opts.engine === 'autocannon' ? opts.connections : undefined,
    thresholds: THRESHOLDS,
    ...measured,
    baseline: baseline ? { startedAt: baseline.startedAt, p95Ms: baseline.latencyMs.p95 } : null,
    pass: failures.length === 0,
    failures,
  };
  const summaryFile = opts.profile === 'baseline' ? 'summary.json' : `summary-${opts.profile}.json`;
  writeFileSync(join(REPORT_DIR, summaryFile), JSON.stringify(report, null, 2) + '\n');
  if (opts.record && report.pass) writeFileSync(baselineFile, JSON.stringify(report, null, 2) + '\n');
  const l = measured.latencyMs;
  console.log(
    `${SERVICE} load (${opts.engine}): ${measured.requests} requests, p95 ${l.p95} ms, p99 ${l.p99} ms, ` +
      `errors ${(measured.errorRate * 100).toFixed(2)} % — ${report.pass ? 'PASS' : 'FAIL: ' + failures.join('; ')}`,
  );
  return report.pass ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof RunError ? `load: ${error.message}` : `load: ${error?.stack ?? error}`);
    process.exit(error instanceof RunError ? 2 : 1);
  },
);
