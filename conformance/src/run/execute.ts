import type { CheckContext } from '../context.js';
import { BudgetExhausted } from '../http.js';
import { areaOf, VerdictSignal, type CheckDefinition, type Profile, type Verdict } from '../registry.js';
import { type Area, type AreaTiming, type CheckResult } from '../types.js';

export type ProgressEvent =
  | {
      type: 'plan';
      target: string;
      runId: string;
      areas: Array<{ area: Area; total: number }>;
      lines: string[];
    }
  | { type: 'result'; result: CheckResult; done: number; total: number; areaDone: number; areaTotal: number };

export interface Execution {
  results: Map<string, CheckResult>;
  /** Per-area wall time and counts, in the order the areas first appear. */
  timings: AreaTiming[];
}

export interface ExecuteOptions {
  concurrency: number;
  profile: Profile;
  target: string;
  plan: string[];
  onProgress?: (event: ProgressEvent) => void;
}

/** Runs the checks on a worker pool (`final` ones after all others) and returns results and timings. */
export async function execute(
  checks: CheckDefinition[],
  ctx: CheckContext,
  options: ExecuteOptions,
): Promise<Execution> {
  const { onProgress } = options;
  const results = new Map<string, CheckResult>();
  const areaTotals = new Map<Area, number>();
  for (const check of checks) areaTotals.set(areaOf(check.id), (areaTotals.get(areaOf(check.id)) ?? 0) + 1);
  onProgress?.({
    type: 'plan',
    target: options.target,
    runId: ctx.runId,
    areas: [...areaTotals].map(([area, total]) => ({ area, total })),
    lines: options.plan,
  });
  const spans = new Map<Area, { start: number; end: number; done: number }>();
  let done = 0;
  const runChecked = async (check: CheckDefinition) => {
    const area = areaOf(check.id);
    const span = spans.get(area) ?? { start: performance.now(), end: 0, done: 0 };
    spans.set(area, span);
    const t0 = performance.now();
    const verdict = await runOne(check, ctx, options.profile);
    const result: CheckResult = {
      id: check.id,
      area,
      title: check.title,
      status: verdict.status,
      gate: check.gate,
      profile: check.profile ?? 'standard',
      severity: verdict.severity ?? check.severity ?? 'error',
      detail: verdict.detail,
      evidence: verdict.evidence ?? null,
      durationMs: Math.round(performance.now() - t0),
    };
    results.set(check.id, result);
    span.end = performance.now();
    span.done += 1;
    done += 1;
    onProgress?.({
      type: 'result',
      result,
      done,
      total: checks.length,
      areaDone: span.done,
      areaTotal: areaTotals.get(area)!,
    });
  };
  // Checks marked `final` judge what the whole run saw: they start once every other check is done.
  const pool = async (list: CheckDefinition[]) => {
    let next = 0;
    const worker = async () => {
      while (next < list.length) await runChecked(list[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency, list.length) }, worker));
  };
  await pool(checks.filter((c) => !c.final));
  await pool(checks.filter((c) => c.final));
  const timings = [...areaTotals.keys()].map((area) => {
    const span = spans.get(area)!;
    const list = checks.filter((c) => areaOf(c.id) === area).map((c) => results.get(c.id)!);
    return {
      area,
      wallMs: Math.round(span.end - span.start),
      passed: list.filter((r) => r.status === 'pass').length,
      failed: list.filter((r) => r.status === 'fail').length,
      skipped: list.filter((r) => r.status === 'skip').length,
    };
  });
  return { results, timings };
}

const REQUIREMENT_REASON: Record<string, string> = {
  list: 'the resource has no list (GET collection) operation',
  create: 'the resource has no create (POST collection) operation',
  read: 'the resource has no read (GET item) operation',
  update: 'the resource has no update (PATCH/PUT item) operation',
  remove: 'the resource has no delete (DELETE item) operation',
  'two-tenants': 'only one --tenant was given; isolation needs two',
};

/** Why a check cannot run on this target, or undefined when it can. */
function missingCapability(check: CheckDefinition, ctx: CheckContext): string | undefined {
  for (const need of check.requires ?? []) {
    const res = ctx.model.resource;
    if (need === 'two-tenants') {
      if (ctx.tenantA === ctx.tenantB) return REQUIREMENT_REASON[need];
      continue;
    }
    if (!res) {
      return `the spec has no collection/item resource to ${need === 'resource' ? 'exercise' : need} (${ctx.model.resourceRejections[0] ?? 'set "resource" in the config'})`;
    }
    if (need !== 'resource' && !res[need]) return REQUIREMENT_REASON[need];
  }
  return undefined;
}

async function runOne(check: CheckDefinition, ctx: CheckContext, profile: Profile): Promise<Verdict> {
  if (ctx.config.skip.has(check.id)) return { status: 'skip', detail: 'disabled in config ("skip")' };
  if (profile === 'standard' && check.profile === 'shipshape')
    return {
      status: 'skip',
      detail: 'a Shipshape house rule; --profile standard judges public standards only',
    };
  if (check.writes && ctx.readOnly) return { status: 'skip', detail: '--read-only: this check writes' };
  const missing = missingCapability(check, ctx);
  if (missing) return { status: 'skip', detail: missing };
  try {
    const reason = check.appliesTo?.(ctx);
    if (reason) return { status: 'skip', detail: reason };
    return await check.run(ctx);
  } catch (error) {
    if (error instanceof VerdictSignal) return error.verdict;
    if (error instanceof BudgetExhausted) return { status: 'skip', detail: error.message };
    // A check that throws is a defect of the check, reported as a failure with its message.
    return {
      status: 'fail',
      detail: `check crashed: ${(error as Error).message?.split('\n')[0] ?? String(error)}`,
    };
  }
}
