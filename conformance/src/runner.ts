import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { builtinChecks } from './checks/index.js';
import { readConfig, resolveConfig, validateConfig, type ConformanceConfig } from './config.js';
import { createContext } from './context.js';
import { HttpClient, type Tenant } from './http.js';
import { areaOf, registeredChecks, type CheckDefinition, type Profile } from './registry.js';
import { BEARER, chooseAuth, headerTemplate, place } from './auth.js';
import { describeIdSource } from './ids.js';
import { cleanUp } from './run/cleanup.js';
import { planLines } from './run/plan.js';
import { createParents } from './run/parents.js';
import { detectNotFoundPolicy, preflight } from './run/preflight.js';
import { ConformanceSetupError } from './run/setup-error.js';
import { execute, type ProgressEvent } from './run/execute.js';
import { writeReports } from './report/write.js';
import { discover, loadSpec } from './spec.js';
import { AREAS, type Report } from './types.js';
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
  /** `shipshape` (default): the full house contract; `standard`: public standards only. */
  profile?: Profile;
  /** `Name: template` for the credential, overriding the spec's securitySchemes (e.g. `X-Api-Key: {credential}`). */
  authHeader?: string;
  onProgress?: (event: ProgressEvent) => void;
}

export type { ProgressEvent };

export { ConformanceSetupError };

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

  if (options.authHeader) config.authHeader = options.authHeader;
  let model;
  let specNote = options.openapi;
  try {
    // A spec served by the target itself may show more to a signed-in caller: tenant A's credential
    // is offered to that origin only, never to a third-party host.
    const sameOrigin =
      /^https?:\/\//i.test(options.openapi) && new URL(options.openapi).origin === baseUrl.origin;
    const first = options.tenants[0]!;
    const guess = config.authHeader ? headerTemplate(config.authHeader, '--auth-header') : BEARER;
    const credential = sameOrigin ? place(guess, first.token).headers[0] : undefined;
    const doc = await loadSpec(options.openapi, cwd, Math.max(timeoutMs, 10_000), credential, (how) => {
      specNote =
        how === 'credential'
          ? `${options.openapi} (fetched with tenant ${first.id}'s credential)`
          : how === 'anonymous'
            ? `${options.openapi} (fetched anonymously${credential ? `; tenant ${first.id}'s credential was refused` : ''})`
            : options.openapi;
    });
    model = discover(doc, options.openapi, {
      resource: config.resource,
      apiPrefix: config.apiPrefixConfigured ? config.apiPrefix : undefined,
      probes: Object.values(config.health),
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
  config.apiPrefix = model.apiPrefix;
  let auth;
  try {
    auth = chooseAuth(
      model.securitySchemes,
      model.operations.flatMap((op) => op.securitySchemes),
      { header: config.authHeader, scheme: config.authScheme },
    );
  } catch (error) {
    throw new ConformanceSetupError((error as Error).message);
  }
  const profile = options.profile ?? config.profile ?? 'shipshape';

  const selected = select(allChecks(options.checks), options.only);
  const http = new HttpClient({
    baseUrl,
    timeoutMs,
    maxRequests: config.maxRequests,
    deadline: Date.now() + config.budgetMs,
    concurrency: config.concurrency,
    auth,
  });
  try {
    const probe = await http.send({ method: 'GET', path: config.health.live });
    if (probe.error)
      throw new ConformanceSetupError(`target ${baseUrl.origin} is unreachable: ${probe.error}`);

    const validator = new SchemaValidator(model.dialect);
    // The reachability probe is the liveness request sent alone, before the checks crowd the
    // target: it is what health.live times ("answers fast"), not a request queued behind 8 others.
    const run = createContext({
      http,
      model,
      config,
      runId,
      readOnly: options.readOnly === true,
      validator,
      tenants: options.tenants,
      live: probe,
    });
    const plan = planLines({
      model,
      config,
      auth,
      spec: specNote,
      profile,
      idSource: describeIdSource(run.ctx.idSource),
    });
    plan.push(...(await preflight(run.ctx, options.tenants, auth)));
    plan.push(...(await createParents(run, options.tenants)));
    plan.push(...(await detectNotFoundPolicy(run.ctx)));
    const target = baseUrl.href.replace(/\/$/, '');
    const { results, timings } = await execute(selected, run.ctx, {
      concurrency: config.concurrency,
      profile,
      target,
      plan,
      onProgress: options.onProgress,
    });
    const cleanup = await cleanUp(run);
    const checks = selected.map((check) => results.get(check.id)!);
    const report: Report = {
      tool: 'shipshape-conformance',
      version: TOOL_VERSION,
      target,
      startedAt: startedAt.toISOString(),
      durationMs: Math.round(performance.now() - started),
      summary: {
        passed: checks.filter((c) => c.status === 'pass').length,
        failed: checks.filter((c) => c.status === 'fail').length,
        skipped: checks.filter((c) => c.status === 'skip').length,
      },
      checks,
      profile,
      cleanup,
      runId,
      areas: timings,
      requests: http.count,
      plan,
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
