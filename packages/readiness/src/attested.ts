import type { GateDef } from './catalog.js';
import type { EvalContext } from './context.js';
import { ATTESTATIONS_FILE, matchesGate, type Attestation } from './artifacts/attestations.js';
import { days, durationMs } from './artifacts/files.js';
import type { Verdict } from './types.js';

/** How long an attestation stays fresh when neither the entry nor the gate says. */
const DEFAULT_FRESH_FOR = '365d';

/**
 * Judges a gate only a person can vouch for: GREEN while the newest attestation naming it is fresh, AMBER when
 * there is none, it is stale, or it is invalid — always with the reason. Attestations never turn a gate RED:
 * a person saying "not done" is the absence of an attestation.
 */
export async function judgeAttestation(ctx: EvalContext, gate: GateDef): Promise<Verdict> {
  const file = await ctx.attestations();
  const invalid = file.invalid.filter((i) => i.gate === gate.id);
  const entries = file.entries
    .filter((a) => a.gate === gate.id && a.applies !== false)
    .sort((a, b) => b.at.getTime() - a.at.getTime());
  const latest = entries[0];
  if (!latest) {
    const why = invalid.length
      ? `the attestation at ${ATTESTATIONS_FILE}:${invalid[0].line} is invalid: ${invalid[0].problem}`
      : `not attested: add { gate: ${gate.id}, by, at, evidence } to ${ATTESTATIONS_FILE}`;
    return { status: 'AMBER', reason: why, evidence: [] };
  }
  const freshFor = latest.expiresAfter ?? gate.freshFor ?? DEFAULT_FRESH_FOR;
  const age = ctx.now.getTime() - latest.at.getTime();
  const evidence = [attestationEvidence(latest)];
  if (age < 0) {
    return {
      status: 'AMBER',
      reason: `attested by ${latest.by} in the future (${isoDate(latest.at)})`,
      evidence,
    };
  }
  if (age > durationMs(freshFor)!) {
    return {
      status: 'AMBER',
      reason: `stale: attested by ${latest.by} on ${isoDate(latest.at)}, ${days(age)} days ago (fresh for ${freshFor})`,
      evidence,
    };
  }
  return {
    status: 'GREEN',
    reason: `attested by ${latest.by} on ${isoDate(latest.at)} (fresh for ${freshFor})`,
    evidence,
  };
}

/** A declaration that a gate (or its whole group, `sync.*`) does not apply, when there is one. */
export async function notApplicableAttestation(
  ctx: EvalContext,
  gateId: string,
): Promise<Attestation | undefined> {
  const file = await ctx.attestations();
  return file.entries
    .filter((a) => a.applies === false && matchesGate(a.gate, gateId))
    .sort((a, b) => b.at.getTime() - a.at.getTime())[0];
}

export function attestationEvidence(a: Attestation): Verdict['evidence'][number] {
  return {
    kind: 'attestation',
    ref: `${ATTESTATIONS_FILE}:${a.line}`,
    detail: `${a.by}, ${isoDate(a.at)}${a.evidence ? `: ${a.evidence}` : ''}${a.reason ? `: ${a.reason}` : ''}`,
  };
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
