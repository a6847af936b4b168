import type { ConformanceJson } from '@shipshape/contracts';
import type { Report } from '../types.js';

/**
 * The DESIGN.md contract of conformance.json (the type and its JSON Schema live in @shipshape/contracts):
 * exactly these members, in this order. Added to the contract (never renamed or removed): `profile` and
 * `cleanup` at the top, `profile` and `severity` on each check.
 */
export type { ConformanceJson };

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
