import { evaluateReadiness } from '@shipshape/readiness';
import type { ServiceFolder } from './discover.js';

/** One service as `shipshape readiness --all --format json` describes it (DESIGN.md "Readiness — CLI contract"). */
export interface ReadinessEntry {
  service: string;
  level: string | null;
  target: string;
  tier?: string;
  owner?: string;
  evaluatedAt: string;
  summary: { GREEN: number; AMBER: number; RED: number };
  blocking: string[];
  gates: {
    id: string;
    group: string;
    title: string;
    level: string;
    judged: 'automated' | 'attested';
    status: 'GREEN' | 'AMBER' | 'RED';
    reason: string;
    evidence: {
      kind: 'file' | 'lint' | 'conformance' | 'report' | 'attestation';
      ref: string;
      detail?: string;
    }[];
  }[];
}

/**
 * The one place the catalog gets readiness from. Today it calls the evaluator's library API per service;
 * once `shipshape readiness --all --format json` exists, this function becomes one call of it and nothing
 * else in the catalog changes.
 */
export async function readReadiness(
  services: ServiceFolder[],
  options: { now?: Date; onService?: (dir: string, ms: number) => void } = {},
): Promise<Map<string, ReadinessEntry>> {
  const out = new Map<string, ReadinessEntry>();
  // One at a time: each evaluation is CPU-bound (Spectral), so running them together gains nothing on a
  // small machine and only multiplies memory.
  for (const folder of services) {
    const started = Date.now();
    const r = await evaluateReadiness(folder.path, options.now ? { now: options.now } : {});
    out.set(folder.dir, {
      service: r.service,
      level: r.level,
      target: r.target,
      evaluatedAt: r.evaluatedAt,
      summary: r.summary,
      blocking: r.blocking,
      gates: r.gates.map((g) => ({
        id: g.id,
        group: g.group,
        title: g.title,
        level: g.level,
        judged: g.judged,
        status: g.status,
        reason: g.reason,
        evidence: g.evidence.map((e) => ({
          kind: e.kind,
          ref: e.ref,
          ...(e.detail ? { detail: e.detail } : {}),
        })),
      })),
    });
    options.onService?.(folder.dir, Date.now() - started);
  }
  return out;
}
