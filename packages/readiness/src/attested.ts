import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { GateDef } from './catalog.js';
import type { EvalContext } from './context.js';
import { matchesGate, type Attestation } from './artifacts/attestations.js';
import { days, durationMs } from './artifacts/files.js';
import type { Verdict } from './types.js';

/** How long an attestation stays fresh when the gate does not say. */
const DEFAULT_FRESH_FOR = '365d';
const URL_EVIDENCE = /^https?:\/\/[^\s/]+\.[^\s/]+\S*$/;
const CODEOWNERS_PLACES = ['CODEOWNERS', '.github/CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS'];

/** The owners (`@handle`, `@org/team`, e-mail) a CODEOWNERS file of the repository names, when it has one. */
export function codeOwners(ctx: EvalContext): { file: string; owners: Set<string> } | undefined {
  for (const base of [ctx.repoRoot(), ctx.dir]) {
    if (!base) continue;
    for (const place of CODEOWNERS_PLACES) {
      const file = join(base, place);
      if (!existsSync(file)) continue;
      const owners = new Set<string>();
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        const bare = line.replace(/#.*$/, '').trim();
        if (!bare) continue;
        for (const owner of bare.split(/\s+/).slice(1)) owners.add(owner.toLowerCase());
      }
      return { file: place, owners };
    }
  }
  return undefined;
}

/**
 * What makes an attestation unusable beyond its syntax: evidence that is neither a URL nor a file of the
 * repository, or an attester CODEOWNERS does not name. Undefined when it can be used.
 */
export function attestationProblem(ctx: EvalContext, a: Attestation): string | undefined {
  const problems: string[] = [];
  if (a.evidence !== undefined && !URL_EVIDENCE.test(a.evidence) && !evidenceFileExists(ctx, a.evidence)) {
    problems.push(`evidence "${a.evidence}" is neither a URL nor a file of the repository`);
  }
  const owners = codeOwners(ctx);
  if (owners && !owners.owners.has(a.by.toLowerCase())) {
    problems.push(`${a.by} is not a handle or team of ${owners.file}`);
  }
  return problems.length ? problems.join('; ') : undefined;
}

function evidenceFileExists(ctx: EvalContext, ref: string): boolean {
  const path = ref.replace(/#.*$/, '').replace(/:\d+$/, '');
  if (!path || isAbsolute(path)) return false;
  const root = ctx.repoRoot();
  for (const base of [ctx.dir, ...(root ? [root] : [])]) {
    const file = resolve(base, path);
    // Only files inside the repository (or the service folder) count: `../../etc/hosts` is not evidence.
    if (!file.startsWith(resolve(root ?? ctx.dir))) continue;
    try {
      if (statSync(file).isFile()) return true;
    } catch {
      // not there; try the next base
    }
  }
  return false;
}

/** The freshness window of an attestation: the gate's, or a shorter `expiresAfter` — never a longer one. */
export function freshWindow(gate: GateDef, a: Attestation): { window: string; lengthened: boolean } {
  const gateWindow = gate.freshFor ?? DEFAULT_FRESH_FOR;
  if (!a.expiresAfter) return { window: gateWindow, lengthened: false };
  const shorter = durationMs(a.expiresAfter)! <= durationMs(gateWindow)!;
  return shorter ? { window: a.expiresAfter, lengthened: false } : { window: gateWindow, lengthened: true };
}

/** Attestations naming this gate exactly (`applies` not false), newest first, each with what makes it unusable. */
function candidates(ctx: EvalContext, entries: Attestation[], gate: GateDef) {
  return entries
    .filter((a) => a.gate === gate.id && a.applies !== false)
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .map((a) => ({ a, problem: attestationProblem(ctx, a) }));
}

/**
 * Judges a gate only a person can vouch for: GREEN while the newest usable attestation naming it is fresh, AMBER
 * when there is none, it is stale, or it is invalid — always with the reason. Attestations never turn a gate RED:
 * a person saying "not done" is the absence of an attestation.
 */
export async function judgeAttestation(ctx: EvalContext, gate: GateDef): Promise<Verdict> {
  const file = await ctx.attestations();
  const invalid = file.invalid.filter((i) => i.gate === gate.id);
  const all = candidates(ctx, file.entries, gate);
  const where = ctx.layout.readiness.attestations;
  const usable = all.filter((c) => !c.problem);
  const latest = usable[0]?.a;
  if (!latest) {
    const unusable = all[0];
    const why = unusable
      ? `the attestation at ${where}:${unusable.a.line} is not accepted: ${unusable.problem}`
      : invalid.length
        ? `the attestation at ${where}:${invalid[0].line} is invalid: ${invalid[0].problem}`
        : `not attested: add { gate: ${gate.id}, by, at, evidence } to ${where}`;
    return { status: 'AMBER', reason: why, evidence: unusable ? [attestationEvidence(ctx, unusable.a)] : [] };
  }
  const { window, lengthened } = freshWindow(gate, latest);
  const note = lengthened ? `; expiresAfter ${latest.expiresAfter} cannot lengthen the gate's ${window}` : '';
  const age = ctx.now.getTime() - latest.at.getTime();
  const evidence = [attestationEvidence(ctx, latest)];
  if (age < 0) {
    return {
      status: 'AMBER',
      reason: `attested by ${latest.by} in the future (${isoDate(latest.at)})`,
      evidence,
    };
  }
  if (age > durationMs(window)!) {
    return {
      status: 'AMBER',
      reason: `stale: attested by ${latest.by} on ${isoDate(latest.at)}, ${days(age)} days ago (fresh for ${window}${note})`,
      evidence,
    };
  }
  return {
    status: 'GREEN',
    reason: `attested by ${latest.by} on ${isoDate(latest.at)} (fresh for ${window}${note})`,
    evidence,
  };
}

/**
 * A usable declaration that a gate (or its whole group, `sync.*`) does not apply, when there is one. Only gates
 * the catalog marks attestable accept it — and, with `scoped`, a gate the descriptor puts out of reach
 * (src/scope.ts): an automated gate is otherwise judged whatever a person says.
 */
export async function notApplicableAttestation(
  ctx: EvalContext,
  gate: GateDef,
  scoped = false,
): Promise<Attestation | undefined> {
  if (!gate.attestable && !scoped) return undefined;
  const file = await ctx.attestations();
  return file.entries
    .filter((a) => a.applies === false && matchesGate(a.gate, gate.id) && !attestationProblem(ctx, a))
    .sort((a, b) => b.at.getTime() - a.at.getTime())[0];
}

export function attestationEvidence(ctx: EvalContext, a: Attestation): Verdict['evidence'][number] {
  return {
    kind: 'attestation',
    ref: `${ctx.layout.readiness.attestations}:${a.line}`,
    detail: `${a.by}, ${isoDate(a.at)}${a.evidence ? `: ${a.evidence}` : ''}${a.reason ? `: ${a.reason}` : ''}`,
  };
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
