import type { Report } from '../types.js';

/**
 * The DESIGN.md contract of conformance.json: exactly these members, in this order. Added to the
 * contract (never renamed or removed): `profile` and `cleanup` at the top, `profile` and `severity`
 * on each check.
 */
export interface ConformanceJson {
  tool: string;
  version: string;
  target: string;
  startedAt: string;
  durationMs: number;
  summary: { passed: number; failed: number; skipped: number };
  profile: Report['profile'];
  cleanup: Report['cleanup'];
  checks: Array<{
    id: string;
    area: string;
    title: string;
    status: 'pass' | 'fail' | 'skip';
    gate: string;
    profile: 'standard' | 'shipshape';
    severity: 'error' | 'warning';
    detail: string;
    evidence: Report['checks'][number]['evidence'];
  }>;
}

export function toConformanceJson(report: Report): ConformanceJson {
  return {
    tool: report.tool,
    version: report.version,
    target: report.target,
    startedAt: report.startedAt,
    durationMs: report.durationMs,
    summary: report.summary,
    profile: report.profile,
    cleanup: report.cleanup,
    checks: report.checks.map((c) => ({
      id: c.id,
      area: c.area,
      title: c.title,
      status: c.status,
      gate: c.gate,
      profile: c.profile,
      severity: c.severity,
      detail: c.detail,
      evidence: c.evidence,
    })),
  };
}
