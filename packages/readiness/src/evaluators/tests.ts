import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { readText } from '../artifacts/files.js';
import type { EvalContext } from '../context.js';
import { reportPath } from '../layout.js';
import { verifyProvenance } from '../provenance.js';
import type { Evidence } from '../types.js';
import { amber, few, green, red, sidecar, type Evaluator } from './support.js';

/** The reports of the test tools, under the reports folder (`reports.dir` in shipshape.yaml, default reports/). */
export const JUNIT_REPORT = 'tests/junit.xml';
export const COVERAGE_REPORT = 'coverage/coverage-summary.json';
export const CHAOS_REPORT = 'chaos/chaos.json';
/** What a test run judged: the code and its tests. */
const TEST_INPUTS = ['src', 'test'];
/** The fault scenarios the generated service ships (TESTING_STRATEGY, seed 002 EPIC K). */
export const CHAOS_SCENARIOS = ['db-restart', 'broker-outage'];

async function json(
  ctx: EvalContext,
  file: string,
): Promise<Record<string, unknown> | undefined | 'invalid'> {
  const text = await readText(join(ctx.dir, file));
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return 'invalid';
  }
}

/** tests.unit_integration (L2): the service's JUnit results for this commit: tests ran, none failed or errored. */
export const unitIntegration: Evaluator = async (ctx) => {
  const JUNIT = reportPath(ctx.layout, JUNIT_REPORT);
  const text = await readText(join(ctx.dir, JUNIT));
  if (text === undefined)
    return amber(`no test results: run the tests with \`vitest run --reporter=junit --outputFile=${JUNIT}\``);
  let suites: Record<string, unknown>[];
  try {
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(text) as Record<
      string,
      unknown
    >;
    const root = (doc.testsuites ?? doc) as Record<string, unknown>;
    const list = root.testsuite ?? (doc.testsuite ? doc.testsuite : undefined);
    suites = (Array.isArray(list) ? list : list ? [list] : []) as Record<string, unknown>[];
  } catch {
    return red(`${JUNIT} is not valid XML`);
  }
  const sum = (key: string) => suites.reduce((n, s) => n + Number(s[key] ?? 0), 0);
  const tests = sum('tests');
  const failures = sum('failures') + sum('errors');
  const cases = suites.flatMap((s) =>
    Array.isArray(s.testcase) ? s.testcase : s.testcase ? [s.testcase] : [],
  ) as {
    name?: string;
    classname?: string;
    failure?: unknown;
    error?: unknown;
  }[];
  const failed = cases
    .filter((c) => c.failure !== undefined || c.error !== undefined)
    .map((c) => `${c.classname ?? ''} ${c.name ?? ''}`.trim());
  const evidence: Evidence[] = [
    { kind: 'report', ref: JUNIT, detail: `${tests} tests, ${failures} failed, ${sum('skipped')} skipped` },
  ];
  if (failures > 0 || failed.length > 0)
    return red(`${Math.max(failures, failed.length)} test(s) failed: ${few(failed)}`, evidence);
  if (tests === 0) return amber(`${JUNIT} has no test`, evidence);
  const unverified = await sidecar(ctx, reportPath(ctx.layout, 'tests'), TEST_INPUTS);
  if (unverified) return { ...unverified, evidence };
  return green(`${tests} tests passed (${JUNIT})`, evidence);
};

/** tests.coverage (L2): Vitest's json-summary totals meet readiness.yaml's coverage thresholds. */
export const coverage: Evaluator = async (ctx) => {
  const COVERAGE = reportPath(ctx.layout, COVERAGE_REPORT);
  const value = await json(ctx, COVERAGE);
  if (value === undefined)
    return amber(
      `no coverage: run \`vitest run --coverage --coverage.reporter=json-summary\` (writes ${COVERAGE})`,
    );
  if (value === 'invalid') return red(`${COVERAGE} is not valid JSON`);
  const total = value.total as Record<string, { pct?: number }> | undefined;
  if (!total) return red(`${COVERAGE} has no total (is it Vitest's json-summary?)`);
  const thresholds = ctx.settings.coverage;
  const shown = (Object.keys(thresholds) as (keyof typeof thresholds)[]).map((k) => ({
    k,
    pct: total[k]?.pct,
    min: thresholds[k],
  }));
  const evidence: Evidence[] = [
    {
      kind: 'report',
      ref: COVERAGE,
      detail: shown.map((s) => `${s.k} ${s.pct ?? '?'} % (min ${s.min})`).join(', '),
    },
  ];
  const missing = shown.filter((s) => typeof s.pct !== 'number');
  if (missing.length) return amber(`${COVERAGE} lacks ${missing.map((s) => s.k).join(', ')}`, evidence);
  const below = shown.filter((s) => s.pct! < s.min);
  if (below.length)
    return red(
      `coverage below ${ctx.layout.readiness.file} thresholds: ${below.map((s) => `${s.k} ${s.pct} % < ${s.min} %`).join(', ')}`,
      evidence,
    );
  const unverified = await sidecar(ctx, reportPath(ctx.layout, 'coverage'), TEST_INPUTS);
  if (unverified) return { ...unverified, evidence };
  return green(
    `coverage meets the thresholds (${shown.map((s) => `${s.k} ${s.pct} %`).join(', ')})`,
    evidence,
  );
};

/** tests.chaos (L3): the fault scenarios (database restart, broker outage) ran for this commit and passed. */
export const chaos: Evaluator = async (ctx) => {
  const CHAOS = reportPath(ctx.layout, CHAOS_REPORT);
  const value = await json(ctx, CHAOS);
  if (value === undefined) return amber(`no chaos report: run the service's fault tests (writes ${CHAOS})`);
  if (value === 'invalid') return red(`${CHAOS} is not valid JSON`);
  const scenarios = (Array.isArray(value.scenarios) ? value.scenarios : []) as {
    id?: string;
    status?: string;
    detail?: string;
  }[];
  const evidence: Evidence[] = scenarios.map((s) => ({
    kind: 'report',
    ref: CHAOS,
    detail: `${s.id}: ${s.status}`,
  }));
  const failed = scenarios.filter((s) => s.status !== 'pass' && s.status !== 'skip');
  if (failed.length)
    return red(
      `chaos scenarios failed: ${few(failed.map((s) => `${s.id}${s.detail ? ` (${s.detail})` : ''}`))}`,
      evidence,
    );
  const passed = new Set(scenarios.filter((s) => s.status === 'pass').map((s) => s.id));
  const missing = CHAOS_SCENARIOS.filter((id) => !passed.has(id));
  if (missing.length) return amber(`chaos scenarios not run or skipped: ${missing.join(', ')}`, evidence);
  const proof = await verifyProvenance(ctx.dir, ctx.service, CHAOS, value.provenance, TEST_INPUTS);
  if (!proof.ok) return { ...amber(proof.reason!, evidence), code: 'UNVERIFIED_EVIDENCE' };
  return green(`${passed.size} chaos scenarios passed (${[...passed].join(', ')})`, evidence);
};
