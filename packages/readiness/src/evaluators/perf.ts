import { join } from 'node:path';
import { stat } from 'node:fs/promises';
import { days, listFiles, newest, readText } from '../artifacts/files.js';
import { loadThresholds, readSlos } from '../artifacts/slos.js';
import type { EvalContext } from '../context.js';
import { verifyProvenance } from '../provenance.js';
import type { Evidence } from '../types.js';
import { paths, reportPath } from '../layout.js';
import { amber, few, green, red, type Evaluator } from './support.js';

/** The report `load/run-load.mjs` writes (<reports.dir>/load/summary.json, baseline.json). */
interface LoadReport {
  tool?: string;
  startedAt?: string;
  requests?: number;
  latencyMs?: { p95?: number; p99?: number };
  errorRate?: number;
  thresholds?: { p95Ms?: number; p99Ms?: number; maxErrorRate?: number };
  baseline?: { startedAt?: string; p95Ms?: number } | null;
  pass?: boolean;
  failures?: string[];
  provenance?: unknown;
}

/** What a load report must have judged: the service's code and its SLOs (the thresholds). */
const loadInputs = (ctx: EvalContext) => ['src', ...ctx.layout.slos];

/** The load reports under the reports folder (`reports.dir` in shipshape.yaml, default reports/). */
const baselineFile = (ctx: EvalContext) => reportPath(ctx.layout, 'load/baseline.json');
const summaryFile = (ctx: EvalContext) => reportPath(ctx.layout, 'load/summary.json');

async function readLoad(ctx: EvalContext, file: string): Promise<LoadReport | string | undefined> {
  const text = await readText(join(ctx.dir, file));
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as LoadReport;
    if (!value.latencyMs || typeof value.latencyMs.p95 !== 'number') return `${file} has no latencyMs.p95`;
    return value;
  } catch {
    return `${file} is not valid JSON`;
  }
}

const describe = (r: LoadReport) =>
  `${r.tool ?? 'load'} ${r.startedAt?.slice(0, 10) ?? ''}: ${r.requests ?? '?'} requests, p95 ${r.latencyMs?.p95} ms, p99 ${r.latencyMs?.p99} ms, errors ${((r.errorRate ?? 0) * 100).toFixed(2)} %`;

/** perf.load_baseline_recorded (L3): a passing baseline (TESTING_STRATEGY §9) within the SLO thresholds. */
export const loadBaselineRecorded: Evaluator = async (ctx) => {
  const BASELINE = baselineFile(ctx);
  const slosAt = paths(ctx.layout.slos);
  const baseline = await readLoad(ctx, BASELINE);
  if (baseline === undefined) {
    return amber(
      `no load baseline: start the service and run \`node load/run-load.mjs --record\` (writes ${BASELINE})`,
    );
  }
  if (typeof baseline === 'string') return red(baseline);
  const evidence: Evidence[] = [{ kind: 'report', ref: BASELINE, detail: describe(baseline) }];
  const proof = await verifyProvenance(ctx.dir, ctx.service, BASELINE, baseline.provenance, loadInputs(ctx));
  const slos = await readSlos(ctx);
  if (typeof slos === 'string') return red(`${slos}: the load thresholds come from the SLOs`, evidence);
  // The thresholds are the SLOs', never the report's own: a report cannot lower the bar it is judged by.
  const t = loadThresholds(slos);
  if (t.p95Ms === undefined || t.p99Ms === undefined)
    return amber(`${slosAt} has no latency-p95 / latency-p99 thresholdMs to judge the baseline by`, evidence);
  const over = [
    ...(baseline.latencyMs!.p95! >= t.p95Ms ? [`p95 ${baseline.latencyMs!.p95} ms ≥ ${t.p95Ms} ms`] : []),
    ...((baseline.latencyMs!.p99 ?? Infinity) >= t.p99Ms
      ? [`p99 ${baseline.latencyMs!.p99 ?? '?'} ms ≥ ${t.p99Ms} ms`]
      : []),
    ...(t.maxErrorRate !== undefined && (baseline.errorRate ?? 1) >= t.maxErrorRate
      ? [`error rate ${baseline.errorRate ?? '?'} ≥ ${t.maxErrorRate}`]
      : []),
    ...(baseline.pass === false ? (baseline.failures ?? ['the run failed']) : []),
  ];
  if (over.length) return red(`the recorded baseline misses the SLOs (${slosAt}): ${few(over)}`, evidence);
  if (!proof.ok) return { ...amber(proof.reason!, evidence), code: 'UNVERIFIED_EVIDENCE' };
  return green(`baseline recorded within ${slosAt} (${describe(baseline)})`, evidence);
};

/** perf.no_regression (L3): the last load run was compared with the baseline and is within 20 % at p95. */
export const noRegression: Evaluator = async (ctx) => {
  const SUMMARY = summaryFile(ctx);
  const summary = await readLoad(ctx, SUMMARY);
  if (summary === undefined)
    return amber(`no load run to compare: run \`node load/run-load.mjs\` (writes ${SUMMARY})`);
  if (typeof summary === 'string') return red(summary);
  const evidence: Evidence[] = [{ kind: 'report', ref: SUMMARY, detail: describe(summary) }];
  if (!summary.baseline)
    return amber('the last load run was not compared with a recorded baseline', evidence);
  const info = await stat(join(ctx.dir, SUMMARY));
  const maxDays = ctx.settings.evidenceMaxAgeDays ?? 30;
  const age = days(ctx.now.getTime() - info.mtime.getTime());
  const latest = await newest(await listFiles(join(ctx.dir, 'src')));
  const regression = (summary.failures ?? []).filter((f) => /baseline/.test(f));
  const outcome = regression.length ? `RED then: ${regression.join('; ')}` : 'GREEN then';
  if (age > maxDays)
    return amber(`stale: ${SUMMARY} is ${age} days old (max ${maxDays}; ${outcome})`, evidence);
  if (latest && latest.mtime > info.mtime)
    return amber(`stale: ${ctx.rel(latest.file)} changed after the last load run (${outcome})`, evidence);
  if (regression.length) return red(few(regression), evidence);
  const proof = await verifyProvenance(ctx.dir, ctx.service, SUMMARY, summary.provenance, loadInputs(ctx));
  if (!proof.ok) return { ...amber(proof.reason!, evidence), code: 'UNVERIFIED_EVIDENCE' };
  return green(
    `p95 ${summary.latencyMs!.p95} ms vs baseline ${summary.baseline.p95Ms} ms (${summary.baseline.startedAt?.slice(0, 10)})`,
    evidence,
  );
};
