import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { builtinChecks } from './checks/index.js';
import { readConfig, resolveConfig, validateConfig, type ConformanceConfig } from './config.js';
import { createContext, type CheckContext } from './context.js';
import { BudgetExhausted, HttpClient, type Tenant } from './http.js';
import { areaOf, registeredChecks, VerdictSignal, type CheckDefinition, type Verdict } from './registry.js';
import { writeReports } from './report/write.js';
import { discover, loadSpec } from './spec.js';
import { AREAS, type Area, type AreaTiming, type CheckResult, type Report } from './types.js';
import { SchemaValidator } from './validate.js';

export interface ConformanceOptions {
  /** Base URL of the running service, e.g. `http://127.0.0.1:3000`. */
  url: string;
  /** OpenAPI 3.0/3.1 document: a file path (relative to `cwd`) or an http(s) URL. */
  openapi: string;
  /** Two tenants (the second is the isolation oracle); with one, two-tenant checks skip. */
  tenants: Tenant[];
  /** A config object, or a path to `conformance.config.json` (relative to `cwd`). */
  config?: ConformanceConfig | string;
  /** Areas and/or check ids to run; everything when absent. */
  only?: string[];
  readOnly?: boolean;
  /** Per-request timeout (default 5000 ms): a hanging target fails the check, not the run. */
  timeoutMs?: number;
  /** Writes conformance.json, junit.xml and summary.md there when given. */
  reportDir?: string;
  cwd?: string;
  /** Extra checks for this run only (beside the built-in and `registerCheck` ones). */
  checks?: CheckDefinition[];
  runId?: string;
  onProgress?: (event: ProgressEvent) => void;
}

export type ProgressEvent =
  | { type: 'plan'; target: string; runId: string; areas: Array<{ area: Area; total: number }> }
  | { type: 'result'; result: CheckResult; done: number; total: number; areaDone: number; areaTotal: number };

/** The run could not be made (bad options, unreadable spec, unreachable target): exit 2. */
export class ConformanceSetupError extends Error {
  override readonly name = 'ConformanceSetupError';
}

export const TOOL_VERSION: string = (() => {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    return pkg.version;
  } catch {
    return '0.0.0';
  }
})();

/** Every check of a run: built-in, registered and per-run extras (a later id replaces an earlier one). */
export function allChecks(extra: CheckDefinition[] = []): CheckDefinition[] {
  const byId = new Map<string, CheckDefinition>();
  for (const check of [...builtinChecks, ...registeredChecks(), ...extra]) byId.set(check.id, check);
  return [...byId.values()].sort((x, y) => AREAS.indexOf(areaOf(x.id)) - AREAS.indexOf(areaOf(y.id)));
}

/** Runs the suite against a running service and returns the report (written too when `reportDir` is set). */
export async function runConformance(options: ConformanceOptions): Promise<Report> {
  const cwd = options.cwd ?? process.cwd();
  const startedAt = new Date();
  const started = performance.now();
  const runId = options.runId ?? randomBytes(4).toString('hex');

  let baseUrl: URL;
  try {
    baseUrl = new URL(options.url);
    if (!/^https?:$/.test(baseUrl.protocol)) throw new Error('not http(s)');
  } catch {
    throw new ConformanceSetupError(`--url "${options.url}" is not an http(s) URL`);
  }
  if (options.tenants.length === 0)
    throw new ConformanceSetupError('at least one --tenant id=token is needed');
  if (options.tenants.length > 1 && options.tenants[0]!.id === options.tenants[1]!.id) {
    throw new ConformanceSetupError('the two --tenant ids must differ');
  }
  const timeoutMs = options.timeoutMs ?? 5_000;

  let configInput: ConformanceConfig = {};
  let configDir = cwd;
  try {
    if (typeof options.config === 'string') {
      const read = await readConfig(resolve(cwd, options.config));
      configInput = read.config;
      configDir = read.dir;
    } else if (options.config) {
      const problem = validateConfig(options.config);
      if (problem) throw new ConformanceSetupError(`config: ${problem}`);
      configInput = options.config;
    }
  } catch (error) {
    throw new ConformanceSetupError((error as Error).message);
  }
  const config = await resolveConfig(configInput, configDir).catch((error: Error) => {
    throw new ConformanceSetupError(error.message);
  });

  let model;
  try {
    // A spec served by the target itself may sit behind auth: tenant A's token is offered to that
    // origin only, never to a third-party host.
    const sameOrigin =
      /^https?:\/\//i.test(options.openapi) && new URL(options.openapi).origin === baseUrl.origin;
    const auth = sameOrigin ? `Bearer ${options.tenants[0]!.token}` : undefined;
    const doc = await loadSpec(options.openapi, cwd, Math.max(timeoutMs, 10_000), auth);
    model = discover(doc, options.openapi, {
      resource: config.resource,
      apiPrefix: config.apiPrefix,
      basePath: config.basePath,
    });
  } catch (error) {
    throw new ConformanceSetupError((error as Error).message);
  }
  if (config.resource && !model.resource) {
    throw new ConformanceSetupError(
      `config names resource "${config.resource}" but the spec has no such collection with an item path`,
    );
  }
  if (!config.errorCodes && model.problemCodes.size > 0) config.errorCodes = model.problemCodes;

  const http = new HttpClient({
    baseUrl,
    timeoutMs,
    maxRequests: config.maxRequests,
    deadline: Date.now() + config.budgetMs,
    concurrency: config.concurrency,
  });
  try {
    const probe = await http.send({ method: 'GET', path: config.health.live });
    if (probe.error)
      throw new ConformanceSetupError(`target ${baseUrl.origin} is unreachable: ${probe.error}`);

    const validator = new SchemaValidator(model.dialect);
    const ctx = createContext({
      http,
      model,
      config,
      runId,
      readOnly: options.readOnly === true,
      validator,
      tenants: options.tenants,
    });
    // The reachability probe is the liveness request sent alone, before the checks crowd the
    // target: it is what health.live times ("answers fast"), not a request queued behind 8 others.
    void ctx.memo('health.live', async () => probe);

    const selected = select(allChecks(options.checks), options.only);
    const results = await execute(selected, ctx, config.concurrency, options.onProgress);
    const cleanup = await cleanUp(ctx);
    const checks = selected.map((check) => results.get(check.id)!);
    const report: Report = {
      tool: 'shipshape-conformance',
      version: TOOL_VERSION,
      target: baseUrl.href.replace(/\/$/, ''),
      startedAt: startedAt.toISOString(),
      durationMs: Math.round(performance.now() - started),
      summary: {
        passed: checks.filter((c) => c.status === 'pass').length,
        failed: checks.filter((c) => c.status === 'fail').length,
        skipped: checks.filter((c) => c.status === 'skip').length,
      },
      checks,
      runId,
      areas: timings.get(ctx) ?? [],
      requests: http.count,
      cleanup,
    };
    if (options.reportDir) await writeReports(report, resolve(cwd, options.reportDir));
    return report;
  } finally {
    await http.close();
  }
}

function select(checks: CheckDefinition[], only: string[] | undefined): CheckDefinition[] {
  if (!only || only.length === 0) return checks;
  for (const item of only) {
    const known = (AREAS as readonly string[]).includes(item) || checks.some((c) => c.id === item);
    if (!known)
      throw new ConformanceSetupError(
        `--only "${item}" is neither an area (${AREAS.join(', ')}) nor a check id`,
      );
  }
  return checks.filter((c) => only.includes(areaOf(c.id)) || only.includes(c.id));
}

const timings = new WeakMap<CheckContext, AreaTiming[]>();

async function execute(
  checks: CheckDefinition[],
  ctx: CheckContext,
  concurrency: number,
  onProgress: ConformanceOptions['onProgress'],
): Promise<Map<string, CheckResult>> {
  const results = new Map<string, CheckResult>();
  const areaTotals = new Map<Area, number>();
  for (const check of checks) areaTotals.set(areaOf(check.id), (areaTotals.get(areaOf(check.id)) ?? 0) + 1);
  onProgress?.({
    type: 'plan',
    target: ctx.http.options.baseUrl.href.replace(/\/$/, ''),
    runId: ctx.runId,
    areas: [...areaTotals].map(([area, total]) => ({ area, total })),
  });
  const spans = new Map<Area, { start: number; end: number; done: number }>();
  let done = 0;
  const runChecked = async (check: CheckDefinition) => {
    const area = areaOf(check.id);
    const span = spans.get(area) ?? { start: performance.now(), end: 0, done: 0 };
    spans.set(area, span);
    const t0 = performance.now();
    const verdict = await runOne(check, ctx);
    const result: CheckResult = {
      id: check.id,
      area,
      title: check.title,
      status: verdict.status,
      gate: check.gate,
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
    await Promise.all(Array.from({ length: Math.min(concurrency, list.length) }, worker));
  };
  await pool(checks.filter((c) => !c.final));
  await pool(checks.filter((c) => c.final));
  timings.set(
    ctx,
    [...areaTotals.keys()].map((area) => {
      const span = spans.get(area)!;
      const list = checks.filter((c) => areaOf(c.id) === area).map((c) => results.get(c.id)!);
      return {
        area,
        wallMs: Math.round(span.end - span.start),
        passed: list.filter((r) => r.status === 'pass').length,
        failed: list.filter((r) => r.status === 'fail').length,
        skipped: list.filter((r) => r.status === 'skip').length,
      };
    }),
  );
  return results;
}

const REQUIREMENT_REASON: Record<string, string> = {
  resource: 'the spec has no collection/item resource (set "resource" in the config)',
  list: 'the resource has no list (GET collection) operation',
  create: 'the resource has no create (POST collection) operation',
  read: 'the resource has no read (GET item) operation',
  update: 'the resource has no update (PATCH/PUT item) operation',
  remove: 'the resource has no delete (DELETE item) operation',
  'two-tenants': 'only one --tenant was given; isolation needs two',
};

async function runOne(check: CheckDefinition, ctx: CheckContext): Promise<Verdict> {
  if (ctx.config.skip.has(check.id)) return { status: 'skip', detail: 'disabled in config ("skip")' };
  if (check.writes && ctx.readOnly) return { status: 'skip', detail: '--read-only: this check writes' };
  for (const need of check.requires ?? []) {
    const res = ctx.model.resource;
    const missing =
      need === 'two-tenants' ? ctx.tenantA === ctx.tenantB : need === 'resource' ? !res : !res || !res[need];
    if (missing) return { status: 'skip', detail: REQUIREMENT_REASON[need]! };
  }
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

async function cleanUp(ctx: CheckContext): Promise<Report['cleanup']> {
  const remove = ctx.model.resource?.remove;
  ctx.http.draining = true;
  const pending = ctx.created.filter((c) => !c.deleted);
  if (!remove) return { deleted: 0, leftover: pending.map((c) => c.id) };
  let deleted = 0;
  const leftover: string[] = [];
  await Promise.all(
    pending.map(async (entry) => {
      try {
        const res = await ctx.send({ method: 'DELETE', path: ctx.itemPath(entry.id), as: entry.owner });
        if ((res.status >= 200 && res.status < 300) || res.status === 404 || res.status === 410) {
          entry.deleted = true;
          deleted += 1;
        } else leftover.push(entry.id);
      } catch {
        leftover.push(entry.id);
      }
    }),
  );
  return { deleted, leftover };
}
