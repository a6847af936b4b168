import type { GateResult } from '../types.js';

/** A `path:line` (or bare path) evidence ref of a file of the service, as a location other formats can point at. */
export interface FileLocation {
  path: string;
  line?: number;
}

const FILE_REF = /^([^\s:]+\.[A-Za-z0-9]+|[^\s:]+\/)(?::(\d+))?$/;

/** The file locations a gate's evidence names (files of the service, not check ids or commands). */
export function fileLocations(gate: GateResult): FileLocation[] {
  const out: FileLocation[] = [];
  for (const e of gate.evidence) {
    if (e.kind !== 'file' && e.kind !== 'attestation' && e.kind !== 'report' && e.kind !== 'lint') continue;
    const m = FILE_REF.exec(e.ref);
    if (!m || m[1].startsWith('/')) continue;
    out.push({ path: m[1], ...(m[2] ? { line: Number(m[2]) } : {}) });
  }
  return out;
}

/** The outcome other formats report: n/a is neither a pass nor a failure. */
export function outcome(gate: GateResult): 'PASSED' | 'WARNED' | 'FAILED' | 'NOT_APPLICABLE' {
  if (!gate.applies) return 'NOT_APPLICABLE';
  return gate.status === 'GREEN' ? 'PASSED' : gate.status === 'AMBER' ? 'WARNED' : 'FAILED';
}
