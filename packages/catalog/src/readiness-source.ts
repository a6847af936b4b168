import { evaluateReadiness } from '@shipshape/readiness';
import type { ServiceFolder } from './discover.js';
import { serviceFacts } from './facts.js';
import { ReadinessCache } from './readiness-cache.js';

/** One service as `shipshape readiness --all --format json` describes it (DESIGN.md "Readiness — CLI contract"). */
export interface ReadinessEntry {
  service: string;
  /** The service folder relative to the workspace root (how entries are matched to folders). */
  dir: string;
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

/** What `shipshape readiness --all --format json` prints: every service of the workspace. */
export interface ReadinessAll {
  services: ReadinessEntry[];
}

/**
 * The one place the catalog gets readiness from. Today it calls the evaluator's library API per service;
 * once `shipshape readiness --all --format json` exists, this function becomes one call of it and nothing
 * else in the catalog changes.
 */
export async function readReadiness(
  services: ServiceFolder[],
  options: {
    now?: Date;
    cacheDir?: string;
    onService?: (dir: string, ms: number, cached: boolean) => void;
  } = {},
): Promise<ReadinessAll> {
  const out: ReadinessEntry[] = [];
  const now = options.now ?? new Date();
  const cache = options.cacheDir ? new ReadinessCache(options.cacheDir, now) : undefined;
  // One at a time: each evaluation is CPU-bound (Spectral), so running them together gains nothing on a
  // small machine and only multiplies memory.
  for (const folder of services) {
    const started = Date.now();
    const key = cache?.key(folder);
    const hit = key ? cache!.get(folder, key) : undefined;
    if (hit) {
      out.push(hit);
      options.onService?.(folder.dir, Date.now() - started, true);
      continue;
    }
    const r = await evaluateReadiness(folder.path, { now });
    const facts = serviceFacts(folder.path);
    const entry: ReadinessEntry = {
      service: r.service,
      dir: folder.dir,
      ...(facts.tier ? { tier: facts.tier } : {}),
      ...(facts.owner ? { owner: facts.owner } : {}),
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
    };
    out.push(entry);
    if (key) cache!.set(folder, key, entry);
    options.onService?.(folder.dir, Date.now() - started, false);
  }
  return { services: out };
}
