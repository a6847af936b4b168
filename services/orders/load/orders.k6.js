// @ts-check
/**
 * Load baseline of the orders service — docs/TESTING_STRATEGY.md §9.
 *
 *   k6 run -e LOAD_URL=http://127.0.0.1:3000 \
 *     -e LOAD_TOKEN="$(npx shipshape token services/orders --tenant load-test)" load/orders.k6.js
 *
 * or `npx nx run orders:load`, which runs this script when k6 is on PATH (an autocannon baseline of the
 * same mix otherwise). The thresholds are the service's SLOs (ops/slos.yaml): p95 < 250 ms,
 * p99 < 1000 ms, failed requests < 0.005. Mix: 60 % list, 20 % create (a fresh
 * Idempotency-Key per request, prefixed by the virtual user), 20 % read back an item this VU created.
 */
import http from 'k6/http';
import { check, fail } from 'k6';
import exec from 'k6/execution';

const BASE_URL = (__ENV.LOAD_URL || 'http://127.0.0.1:3000').replace(/\/+$/, '');
const TOKEN = __ENV.LOAD_TOKEN || '';
const VUS = Number(__ENV.LOAD_VUS || 10);
const HOLD = __ENV.LOAD_DURATION || '2m';
const COLLECTION = `${BASE_URL}/api/v1/orders`;

/**
 * LOAD_PROFILE: `baseline` (default; the recorded baseline), `stress` (step up to 5× the VUs to find the
 * knee), `soak` (the baseline load held for an hour, for leaks and pool exhaustion). Same thresholds.
 */
const PROFILES = {
  baseline: [
    { duration: '30s', target: VUS },
    { duration: HOLD, target: VUS },
    { duration: '30s', target: 0 },
  ],
  stress: [
    { duration: '1m', target: VUS },
    { duration: '2m', target: VUS * 2 },
    { duration: '2m', target: VUS * 5 },
    { duration: '1m', target: 0 },
  ],
  soak: [
    { duration: '2m', target: VUS },
    { duration: __ENV.LOAD_DURATION || '1h', target: VUS },
    { duration: '1m', target: 0 },
  ],
};
const PROFILE = /** @type {keyof typeof PROFILES} */ (__ENV.LOAD_PROFILE || 'baseline');
if (!(PROFILE in PROFILES))
  throw new Error(`LOAD_PROFILE must be one of ${Object.keys(PROFILES).join(', ')}`);

export const options = {
  stages: PROFILES[PROFILE],
  thresholds: {
    http_req_duration: ['p(95)<250', 'p(99)<1000'],
    http_req_failed: ['rate<0.005'],
    checks: ['rate>0.99'],
  },
  summaryTrendStats: ['avg', 'min', 'med', 'p(95)', 'p(99)', 'max'],
};

/** Ids this virtual user created, to read back. */
const created = /** @type {string[]} */ ([]);

/** @returns {Record<string, string>} */
function headers() {
  return { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
}

export function setup() {
  if (!TOKEN)
    fail('LOAD_TOKEN is not set: mint one with `npx shipshape token services/orders --tenant load-test`');
  const ready = http.get(`${BASE_URL}/health/ready`);
  if (ready.status !== 200)
    fail(`${BASE_URL}/health/ready answered ${ready.status}: is the service running?`);
  return { runId: `${Date.now().toString(36)}` };
}

/** @param {string} runId */
function create(runId) {
  const key = `load-${runId}-vu${exec.vu.idInTest}-${exec.vu.iterationInScenario}`;
  const res = http.post(
    COLLECTION,
    JSON.stringify({ name: 'load test order', description: 'load test order', quantity: 0 }),
    {
      headers: { ...headers(), 'Idempotency-Key': key },
      tags: { name: 'POST /api/v1/orders' },
    },
  );
  const ok = check(res, {
    'create: 201': (x) => x.status === 201,
    'create: has id': (x) => x.status === 201 && typeof x.json('id') === 'string',
  });
  if (ok) created.push(/** @type {string} */ (res.json('id')));
}

function list() {
  const res = http.get(`${COLLECTION}?limit=20`, {
    headers: headers(),
    tags: { name: 'GET /api/v1/orders' },
  });
  check(res, {
    'list: 200': (x) => x.status === 200,
    'list: has items': (x) => x.status === 200 && Array.isArray(x.json('items')),
  });
}

function readBack() {
  const id = created[Math.floor(Math.random() * created.length)];
  const res = http.get(`${COLLECTION}/${id}`, {
    headers: headers(),
    tags: { name: 'GET /api/v1/orders/{orderId}' },
  });
  check(res, { 'read: 200': (x) => x.status === 200 && x.json('id') === id });
}

/** @param {{ runId: string }} data */
export default function (data) {
  const roll = Math.random();
  if (roll < 0.6) list();
  else if (roll < 0.8 || created.length === 0) create(data.runId);
  else readBack();
}

/** Writes the end-of-test summary where the load runner and the readiness evaluator read it. */
/** @param {Record<string, unknown>} summary */
export function handleSummary(summary) {
  const out = __ENV.LOAD_SUMMARY || 'reports/load/k6-summary.json';
  const duration = /** @type {{ metrics?: { http_req_duration?: { values?: Record<string, number> } } }} */ (
    summary
  ).metrics?.http_req_duration?.values;
  const line = duration
    ? `orders load: p95 ${duration['p(95)']?.toFixed(1)} ms, p99 ${duration['p(99)']?.toFixed(1)} ms (summary: ${out})\n`
    : `orders load: no requests were made (summary: ${out})\n`;
  return { stdout: line, [out]: JSON.stringify(summary, null, 2) };
}
