import { readFile } from 'node:fs/promises';

/** One check of a conformance report (DESIGN.md "Conformance suite — CLI contract"). */
export interface ConformanceCheck {
  id: string;
  area: string;
  title?: string;
  status: 'pass' | 'fail' | 'skip';
  /** The readiness gate(s) the check evidences; several are comma-separated. */
  gate: string;
  detail?: string;
  evidence?: { curl?: string };
}

export interface ConformanceReport {
  tool: string;
  version?: string;
  target?: string;
  startedAt: string;
  summary?: { passed: number; failed: number; skipped: number };
  checks: ConformanceCheck[];
  /** What the run judged: service, tool, version, commit, inputs hash (see src/provenance.ts). */
  provenance?: unknown;
}

/** The report cannot be used at all (unreadable, not JSON, wrong shape): the message says why, in one line. */
export class ConformanceReportError extends Error {
  override readonly name = 'ConformanceReportError';
}

export async function readConformanceReport(file: string): Promise<ConformanceReport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ConformanceReportError(`conformance report ${file} cannot be read`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConformanceReportError(`conformance report ${file} is not valid JSON`);
  }
  const report = value as Partial<ConformanceReport>;
  if (!report || typeof report !== 'object' || !Array.isArray(report.checks)) {
    throw new ConformanceReportError(
      `conformance report ${file} has no checks[] (is it a shipshape conformance.json?)`,
    );
  }
  if (typeof report.startedAt !== 'string' || Number.isNaN(Date.parse(report.startedAt))) {
    throw new ConformanceReportError(`conformance report ${file} has no valid startedAt`);
  }
  for (const [i, check] of report.checks.entries()) {
    const c = check as Partial<ConformanceCheck>;
    if (
      typeof c?.id !== 'string' ||
      typeof c.gate !== 'string' ||
      !['pass', 'fail', 'skip'].includes(String(c.status))
    ) {
      throw new ConformanceReportError(
        `conformance report ${file}: checks[${i}] needs id, gate and status pass|fail|skip`,
      );
    }
  }
  return report as ConformanceReport;
}

/** The checks that name `gate` (a check may name several, comma-separated). */
export function checksFor(report: ConformanceReport, gate: string): ConformanceCheck[] {
  return report.checks.filter((c) =>
    c.gate
      .split(',')
      .map((g) => g.trim())
      .includes(gate),
  );
}
