import { parseDocument } from 'yaml';
import { durationMs } from './files.js';

/**
 * A person's statement about a gate (DESIGN.md "Readiness"): `{ gate, by, at, evidence, expiresAfter? }` in
 * `<service>/readiness/attestations.yaml`, or `{ gate, by, at, applies: false, reason }` for a gate (or a whole
 * group, `sync.*`) that does not apply to the service.
 */
export interface Attestation {
  gate: string;
  by: string;
  at: Date;
  evidence?: string;
  expiresAfter?: string;
  applies?: boolean;
  reason?: string;
  /** The role the attester signs for (a custom gate's multi-role sign-off). */
  role?: string;
  /** 1-based line in the file. */
  line: number;
}

export interface AttestationFile {
  entries: Attestation[];
  /** Entries that could not be used, each with why (they count as missing, and the reason is shown). */
  invalid: { gate?: string; line: number; problem: string }[];
}

export class AttestationFileError extends Error {
  override readonly name = 'AttestationFileError';
}

/** Where attestations are in the generated layout (`readiness.attestations` in shipshape.yaml moves them). */
export const ATTESTATIONS_FILE = 'readiness/attestations.yaml';

/** Parses an attestations file; `file` (relative to the service) names it in errors. */
export function parseAttestations(text: string, file = ATTESTATIONS_FILE): AttestationFile {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new AttestationFileError(`${file} is not valid YAML: ${e.message.split('\n')[0]}`);
  }
  const value = doc.toJS() as unknown;
  const list = Array.isArray(value)
    ? value
    : value && typeof value === 'object' && Array.isArray((value as { attestations?: unknown }).attestations)
      ? (value as { attestations: unknown[] }).attestations
      : value == null
        ? []
        : undefined;
  if (!list) throw new AttestationFileError(`${file} must be a list (or have an attestations: list)`);
  const lineCounter = lineIndex(text);
  const seqNode = (Array.isArray(value) ? doc.contents : doc.get('attestations', true)) as
    { items?: { range?: [number, number, number] }[] } | undefined;
  const entries: Attestation[] = [];
  const invalid: AttestationFile['invalid'] = [];
  list.forEach((raw: unknown, i: number) => {
    const offset = seqNode?.items?.[i]?.range?.[0] ?? 0;
    const line = lineCounter(offset);
    const e = (raw ?? {}) as Record<string, unknown>;
    const gate = typeof e.gate === 'string' ? e.gate : undefined;
    const problems: string[] = [];
    if (!gate) problems.push('gate is missing');
    if (typeof e.by !== 'string' || e.by.trim() === '') problems.push('by (who attests) is missing');
    const at = e.at instanceof Date ? e.at : typeof e.at === 'string' ? new Date(e.at) : undefined;
    if (!at || Number.isNaN(at.getTime()))
      problems.push('at must be a date (YYYY-MM-DD or an ISO timestamp)');
    if (e.expiresAfter !== undefined && durationMs(String(e.expiresAfter)) === undefined) {
      problems.push('expiresAfter must look like 30d, 12w or 1y');
    }
    if (e.applies !== undefined && typeof e.applies !== 'boolean')
      problems.push('applies must be true or false');
    if (e.applies === false && (typeof e.reason !== 'string' || e.reason.trim() === '')) {
      problems.push('applies: false needs a reason');
    }
    if (e.applies !== false && (typeof e.evidence !== 'string' || e.evidence.trim() === '')) {
      problems.push('evidence (a link or a record of what was checked) is missing');
    }
    if (problems.length > 0) {
      invalid.push({ ...(gate ? { gate } : {}), line, problem: problems.join('; ') });
      return;
    }
    entries.push({
      gate: gate!,
      by: String(e.by),
      at: at!,
      ...(typeof e.evidence === 'string' ? { evidence: e.evidence } : {}),
      ...(e.expiresAfter !== undefined ? { expiresAfter: String(e.expiresAfter) } : {}),
      ...(typeof e.applies === 'boolean' ? { applies: e.applies } : {}),
      ...(typeof e.reason === 'string' ? { reason: e.reason } : {}),
      ...(typeof e.role === 'string' ? { role: e.role } : {}),
      line,
    });
  });
  return { entries, invalid };
}

/** True when `pattern` (`api.idempotency` or `api.*`) names `gate`. */
export function matchesGate(pattern: string, gate: string): boolean {
  return pattern === gate || (pattern.endsWith('.*') && gate.startsWith(pattern.slice(0, -1)));
}

function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
