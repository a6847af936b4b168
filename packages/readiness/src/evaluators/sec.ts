import { join } from 'node:path';
import { stat } from 'node:fs/promises';
import { days, newest, readText } from '../artifacts/files.js';
import type { EvalContext } from '../context.js';
import { migrationsAt, reportPath } from '../layout.js';
import type { Evidence, Verdict } from '../types.js';
import { mutationRoutes, tableRef } from './events.js';
import { amber, few, green, lintAndConformance, plural, red, sidecar, type Evaluator } from './support.js';

/**
 * sec.authentication (L2): conformance security.auth_required and tenancy.unauthenticated; lint's OWASP API2/API5
 * rules (every operation secured, a JWT scheme per RFC 8725, admin areas apart).
 */
export const authentication: Evaluator = (ctx) => lintAndConformance(ctx, 'sec.authentication');
/**
 * sec.data_exposure (L3): no secret-like member in any response (conformance security.no_secrets); lint's OWASP
 * API1/API3 rules (no guessable numeric ids, no undeclared properties).
 */
export const dataExposure: Evaluator = (ctx) => lintAndConformance(ctx, 'sec.data_exposure');
/** sec.headers (L3): nosniff, no server version (conformance security.headers); lint's OWASP CORS rule. */
export const headers: Evaluator = (ctx) => lintAndConformance(ctx, 'sec.headers');

/** sec.audit_logging (L2): an append-only audit table, and every mutation route records an audit row in its transaction. */
export const auditLogging: Evaluator = async (ctx) => {
  const schema = await ctx.schema();
  const table = [...schema.tables.values()].find((t) => /audit/.test(t.name));
  if (!table) return red(`no audit table in ${migrationsAt(ctx.layout)} or @shipshape/runtime's migrations`);
  const evidence: Evidence[] = [
    { kind: 'file', ref: tableRef(ctx, table.file, table.line), detail: `table ${table.name}` },
  ];
  const sql = (await readText(table.file)) ?? '';
  const appendOnly = new RegExp(`BEFORE\\s+UPDATE\\s+OR\\s+DELETE[\\s\\S]*?ON\\s+${table.name}\\b`, 'i').test(
    sql,
  );
  const routes = await mutationRoutes(ctx);
  const outside = routes.filter((r) => r.auditOutsideTx > 0);
  const none = routes.filter((r) => r.auditInTx === 0 && r.auditOutsideTx === 0);
  for (const r of routes) {
    evidence.push({
      kind: 'file',
      ref: `${r.file}:${r.line}`,
      detail: `${r.method} ${r.path}: ${r.auditInTx} audit.record in the transaction`,
    });
  }
  const where = (r: (typeof routes)[number]) => `${r.method} ${r.path} (${r.file}:${r.line})`;
  if (outside.length)
    return red(`audit.record outside the tenant transaction in ${few(outside.map(where))}`, evidence);
  if (routes.length === 0) return amber('no mutation route found in src/', evidence);
  if (none.length) return amber(`no audit.record found in ${few(none.map(where))}`, evidence);
  if (!appendOnly)
    return amber(
      `${table.name} has no trigger refusing UPDATE and DELETE (append-only is not enforced)`,
      evidence,
    );
  return green(
    `${plural(routes.length, 'mutation route')} record audit rows in their transaction; ${table.name} is append-only`,
    evidence,
  );
};

/** A scan report's freshness: older than the dependencies it scanned, or than the evidence age limit, is stale. */
async function reportAge(
  ctx: EvalContext,
  file: string,
  inputs: string[],
): Promise<{ mtime: Date; stale?: string } | undefined> {
  const info = await stat(join(ctx.dir, file)).catch(() => undefined);
  if (!info) return undefined;
  const maxDays = ctx.settings.evidenceMaxAgeDays ?? 30;
  const age = ctx.now.getTime() - info.mtime.getTime();
  if (days(age) > maxDays)
    return { mtime: info.mtime, stale: `stale: ${file} is ${days(age)} days old (max ${maxDays})` };
  const latest = await newest(inputs.map((f) => join(ctx.dir, f)));
  if (latest && latest.mtime > info.mtime) {
    return { mtime: info.mtime, stale: `stale: ${ctx.rel(latest.file)} changed after ${file} was written` };
  }
  return { mtime: info.mtime };
}

/** The scanners' reports, under the reports folder (`reports.dir` in shipshape.yaml, default reports/). */
const NPM_AUDIT_REPORT = 'security/npm-audit.json';
const GITLEAKS_REPORT = 'security/gitleaks.json';

/** sec.dependency_scan (L3): `npm audit --json` saved in <reports.dir>/security/, no high or critical advisory. */
export const dependencyScan: Evaluator = async (ctx) => {
  const NPM_AUDIT = reportPath(ctx.layout, NPM_AUDIT_REPORT);
  const age = await reportAge(ctx, NPM_AUDIT, [
    'package.json',
    'package-lock.json',
    '../../package-lock.json',
  ]);
  if (!age)
    return amber(`no dependency scan: run \`npm audit --json > ${NPM_AUDIT}\` in the service folder (CI)`);
  let report: {
    vulnerabilities?: Record<string, { severity?: string; name?: string }>;
    metadata?: { vulnerabilities?: Record<string, number> };
  };
  try {
    report = JSON.parse((await readText(join(ctx.dir, NPM_AUDIT))) ?? '') as typeof report;
  } catch {
    return red(`${NPM_AUDIT} is not valid JSON`);
  }
  const counts = report.metadata?.vulnerabilities;
  if (!counts) return red(`${NPM_AUDIT} is not an npm audit --json report (no metadata.vulnerabilities)`);
  const serious = Object.values(report.vulnerabilities ?? {}).filter(
    (v) => v.severity === 'high' || v.severity === 'critical',
  );
  const evidence: Evidence[] = [
    {
      kind: 'report',
      ref: NPM_AUDIT,
      detail: `critical ${counts.critical ?? 0}, high ${counts.high ?? 0}, moderate ${counts.moderate ?? 0}, low ${counts.low ?? 0}`,
    },
  ];
  const high = (counts.critical ?? 0) + (counts.high ?? 0);
  let verdict: Verdict;
  if (high > 0)
    verdict = red(
      `${plural(high, 'high or critical advisory', 'high or critical advisories')}: ${few(serious.map((v) => `${v.name} (${v.severity})`))}`,
      evidence,
    );
  else
    verdict = green(
      `npm audit: no high or critical advisory (${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low)`,
      evidence,
    );
  if (age.stale) return amber(`${age.stale} (${verdict.status} then)`, evidence);
  const unverified =
    verdict.status === 'GREEN'
      ? await sidecar(ctx, reportPath(ctx.layout, 'security'), ['package.json'])
      : undefined;
  return unverified ? { ...unverified, evidence } : verdict;
};

/** sec.secret_scan (L3): a Gitleaks JSON report in <reports.dir>/security/ with no finding. */
export const secretScan: Evaluator = async (ctx) => {
  const GITLEAKS = reportPath(ctx.layout, GITLEAKS_REPORT);
  const age = await reportAge(ctx, GITLEAKS, []);
  if (!age)
    return amber(
      `no secret scan: run \`gitleaks dir . --report-format json --report-path ${GITLEAKS}\` (CI)`,
    );
  let findings: unknown;
  try {
    findings = JSON.parse((await readText(join(ctx.dir, GITLEAKS))) ?? '');
  } catch {
    return red(`${GITLEAKS} is not valid JSON`);
  }
  if (!Array.isArray(findings))
    return red(`${GITLEAKS} is not a Gitleaks JSON report (expected a list of findings)`);
  const list = findings as { RuleID?: string; File?: string; StartLine?: number }[];
  const evidence: Evidence[] = list.slice(0, 10).map((f) => ({
    kind: 'report',
    ref: `${f.File ?? '?'}:${f.StartLine ?? '?'}`,
    detail: f.RuleID ?? 'finding',
  }));
  if (list.length === 0) evidence.push({ kind: 'report', ref: GITLEAKS, detail: '0 findings' });
  const verdict = list.length
    ? red(
        `${plural(list.length, 'secret')} found: ${few(
          list.map((f) => `${f.File}:${f.StartLine} ${f.RuleID}`),
          2,
        )}`,
        evidence,
      )
    : green('gitleaks: no secret found', evidence);
  if (age.stale) return amber(`${age.stale} (${verdict.status} then)`, evidence);
  const unverified =
    verdict.status === 'GREEN' ? await sidecar(ctx, reportPath(ctx.layout, 'security'), ['src']) : undefined;
  return unverified ? { ...unverified, evidence } : verdict;
};
