import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { JSONPath } from 'jsonpath-plus';
import { glob } from 'tinyglobby';
import type { CustomCheck, GateDef } from '../catalog.js';
import type { EvalContext } from '../context.js';
import { attestationEvidence, attestationProblem, freshWindow, isoDate } from '../attested.js';
import { durationMs } from '../artifacts/files.js';
import { amber, few, green, red } from '../evaluators/support.js';
import type { Evidence, Verdict } from '../types.js';

/** Judges a team's own gate (declared as data in a gates file) the way its `check` says. */
export async function judgeCustom(ctx: EvalContext, gate: GateDef, check: CustomCheck): Promise<Verdict> {
  if (check.kind === 'file') return judgeFiles(ctx, check.glob);
  if (check.kind === 'json') return judgeJson(ctx, check);
  return judgeRoles(ctx, gate, check.roles ?? []);
}

/** At least one file matches, and none of them is empty. */
async function judgeFiles(ctx: EvalContext, pattern: string): Promise<Verdict> {
  const files = (await glob(pattern, { cwd: ctx.dir, onlyFiles: true, dot: true })).sort();
  if (files.length === 0) return red(`no file matches ${pattern}`);
  const sizes = await Promise.all(
    files.map(async (f) => (await readFile(join(ctx.dir, f), 'utf8')).trim().length),
  );
  const empty = files.filter((_, i) => sizes[i] === 0);
  const evidence: Evidence[] = files.map((f) => ({ kind: 'file', ref: f }));
  if (empty.length) return red(`empty: ${few(empty)}`, evidence);
  return green(`${files.length} file(s) match ${pattern}, none empty`, evidence);
}

const COMPARE: Record<string, (a: number | string, b: number | string) => boolean> = {
  '>=': (a, b) => a >= b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '<': (a, b) => a < b,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

/** A field of a JSON report (JSON path) compared with a threshold; AMBER when the report or field is missing. */
async function judgeJson(ctx: EvalContext, check: Extract<CustomCheck, { kind: 'json' }>): Promise<Verdict> {
  const file = join(ctx.dir, check.file);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return amber(missing ? `no report at ${check.file}` : `${check.file} is not valid JSON`);
  }
  const age = ctx.now.getTime() - (await stat(file)).mtime.getTime();
  const values = JSONPath({ path: check.path, json: json as object, wrap: true }) as unknown[];
  const evidence: Evidence[] = [
    { kind: 'report', ref: check.file, detail: `${check.path} = ${JSON.stringify(values[0])}` },
  ];
  if (values.length === 0) return amber(`${check.file} has no ${check.path}`, evidence);
  const value = values[0];
  if (typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'boolean')
    return amber(`${check.file} ${check.path} is not a number, string or boolean`, evidence);
  const expected = check.value as number | string;
  const ok = COMPARE[check.op](value as number | string, expected);
  const maxAge = (ctx.settings.evidenceMaxAgeDays ?? 30) * 86_400_000;
  if (age > maxAge) return amber(`stale: ${check.file} is older than ${maxAge / 86_400_000} days`, evidence);
  const text = `${check.file} ${check.path} = ${JSON.stringify(value)} (needs ${check.op} ${JSON.stringify(expected)})`;
  return ok ? green(text, evidence) : red(text, evidence);
}

/**
 * A sign-off by several roles: every role needs its own fresh, usable attestation of the gate (`role:` in the
 * entry). Without roles, one attestation suffices.
 */
async function judgeRoles(ctx: EvalContext, gate: GateDef, roles: string[]): Promise<Verdict> {
  const file = await ctx.attestations();
  const entries = file.entries
    .filter((a) => a.gate === gate.id && a.applies !== false && !attestationProblem(ctx, a))
    .sort((a, b) => b.at.getTime() - a.at.getTime());
  const needed = roles.length ? roles : [undefined];
  const missing: string[] = [];
  const stale: string[] = [];
  const evidence: Evidence[] = [];
  for (const role of needed) {
    const latest = entries.find((a) => role === undefined || a.role === role);
    const name = role ?? 'an attestation';
    if (!latest) {
      missing.push(name);
      continue;
    }
    evidence.push(attestationEvidence(ctx, latest));
    const age = ctx.now.getTime() - latest.at.getTime();
    if (age < 0 || age > durationMs(freshWindow(gate, latest).window)!)
      stale.push(`${name} (${latest.by}, ${isoDate(latest.at)})`);
  }
  if (missing.length) return amber(`sign-off missing: ${missing.join(', ')}`, evidence);
  if (stale.length) return amber(`sign-off stale or future-dated: ${stale.join(', ')}`, evidence);
  return green(
    roles.length ? `signed off by ${roles.length} roles: ${roles.join(', ')}` : 'attested',
    evidence,
  );
}
