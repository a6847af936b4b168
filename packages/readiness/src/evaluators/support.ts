import { join } from 'node:path';
import { readText } from '../artifacts/files.js';
import type { EvalContext } from '../context.js';
import { verifyProvenance } from '../provenance.js';
import { checksFor } from '../artifacts/conformance.js';
import type { Evidence, GateStatus, Verdict } from '../types.js';

/** One automated gate's evaluator: reads artifacts through the context, returns a verdict with its evidence. */
export type Evaluator = (ctx: EvalContext) => Promise<Verdict>;

export const green = (reason: string, evidence: Evidence[] = []): Verdict => ({
  status: 'GREEN',
  reason,
  evidence,
});
export const amber = (reason: string, evidence: Evidence[] = []): Verdict => ({
  status: 'AMBER',
  reason,
  evidence,
});
export const red = (reason: string, evidence: Evidence[] = []): Verdict => ({
  status: 'RED',
  reason,
  evidence,
});

const RANK: Record<GateStatus, number> = { GREEN: 0, AMBER: 1, RED: 2 };

export function worst(statuses: GateStatus[]): GateStatus {
  return statuses.reduce<GateStatus>((w, s) => (RANK[s] > RANK[w] ? s : w), 'GREEN');
}

/**
 * Several sources judged one gate: the worst status wins; the reason lists the non-GREEN sources first (or
 * every source when all are GREEN), and the evidence is the union.
 */
export function combine(verdicts: Verdict[]): Verdict {
  const status = worst(verdicts.map((v) => v.status));
  const shown = status === 'GREEN' ? verdicts : verdicts.filter((v) => v.status !== 'GREEN');
  return {
    status,
    reason: shown.map((v) => v.reason).join('; '),
    evidence: verdicts.flatMap((v) => v.evidence),
  };
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** A short list for a reason line: the first few items and how many more. */
export function few(items: string[], max = 3): string {
  return items.length <= max
    ? items.join(', ')
    : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** The gate as `shipshape lint` judged it (undefined when no lint rule evidences the gate). */
export async function fromLint(ctx: EvalContext, gate: string): Promise<Verdict | undefined> {
  const { report, ref } = await ctx.lint();
  const entry = report.gates.find((g) => g.id === gate);
  if (!entry) return undefined;
  if (entry.status === 'fail' || entry.errors > 0) {
    const findings = report.findings.filter((f) => f.gate === gate && f.severity === 'error');
    return red(
      `lint: ${plural(entry.errors, 'error')} (${few(
        findings.map((f) => `${f.file}:${f.line} ${f.message}`),
        2,
      )})`,
      findings
        .slice(0, 10)
        .map((f) => ({ kind: 'lint', ref: `${f.file}:${f.line}`, detail: `${f.rule}: ${f.message}` })),
    );
  }
  return green(`lint: ${plural(entry.rules.length, 'rule')} clean`, [
    {
      kind: 'lint',
      ref,
      detail: `${entry.rules.join(', ')}: 0 errors, ${plural(entry.warnings, 'warning')}`,
    },
  ]);
}

/** Lint (the spec says so) and conformance (the running service does so) must both hold. */
export async function lintAndConformance(ctx: EvalContext, gate: string): Promise<Verdict> {
  const lint = await fromLint(ctx, gate);
  return combine([...(lint ? [lint] : []), await fromConformance(ctx, gate)]);
}

/**
 * The gate as the conformance report shows it: RED when a fresh check failed, GREEN when checks passed,
 * AMBER when there is no report, the report is stale, or every check for the gate was skipped.
 */
export async function fromConformance(ctx: EvalContext, gate: string): Promise<Verdict> {
  const conformance = await ctx.conformance();
  if (!conformance) {
    return amber(`no conformance evidence: run \`npx nx run ${ctx.service}:conformance\``);
  }
  const checks = checksFor(conformance.report, gate);
  const evidence: Evidence[] = checks.map((c) => ({
    kind: 'conformance',
    ref: c.id,
    detail: `${c.status}${c.detail ? `: ${c.detail}` : ''}`,
  }));
  if (checks.length === 0) {
    return amber(`${conformance.ref} has no check for ${gate}`, [
      { kind: 'conformance', ref: conformance.ref },
    ]);
  }
  const failed = checks.filter((c) => c.status === 'fail');
  const passed = checks.filter((c) => c.status === 'pass');
  if (conformance.unverified) {
    const outcome = failed.length
      ? `${plural(failed.length, 'failure')} in it`
      : `${passed.length}/${checks.length} passed in it`;
    return { ...amber(`${conformance.unverified} (${outcome})`, evidence), code: 'UNVERIFIED_EVIDENCE' };
  }
  if (conformance.stale) {
    const outcome = failed.length
      ? `${plural(failed.length, 'failure')} then`
      : `${passed.length}/${checks.length} passed then`;
    return amber(`conformance ${conformance.stale} (${outcome})`, evidence);
  }
  if (failed.length > 0) {
    const first = failed[0];
    const curl = first.evidence?.curl ? ` — reproduce: ${first.evidence.curl}` : '';
    return red(
      `conformance: ${plural(failed.length, 'check')} failed (${few(failed.map((c) => c.id))}): ${first.detail ?? ''}${curl}`,
      evidence,
    );
  }
  if (passed.length === 0) {
    return amber(
      `conformance: all ${plural(checks.length, 'check')} skipped (${few(
        checks.map((c) => `${c.id}: ${c.detail ?? 'no reason'}`),
        2,
      )})`,
      evidence,
    );
  }
  const skipped = checks.length - passed.length;
  return green(
    `conformance: ${passed.length}/${checks.length} checks passed${skipped ? ` (${skipped} skipped)` : ''}`,
    evidence,
  );
}

/** The sidecar that records what a folder of third-party reports judged (`readiness --stamp`). */
export const PROVENANCE_FILE = 'provenance.json';

/**
 * Reports another tool wrote (JUnit, Vitest coverage, npm audit, Gitleaks) cannot carry a provenance member:
 * `<folder>/provenance.json` (written by `readiness --stamp` right after the tool) must vouch for them. Undefined
 * when it does; an AMBER "unverified evidence" verdict when it does not.
 */
export async function sidecar(
  ctx: EvalContext,
  folder: string,
  required: string[],
): Promise<Verdict | undefined> {
  const file = `${folder}/${PROVENANCE_FILE}`;
  const text = await readText(join(ctx.dir, file));
  let value: unknown;
  try {
    value = text === undefined ? undefined : JSON.parse(text);
  } catch {
    value = undefined;
  }
  const proof = await verifyProvenance(ctx.dir, ctx.service, file, value, required);
  return proof.ok ? undefined : { ...amber(proof.reason!), code: 'UNVERIFIED_EVIDENCE' };
}
