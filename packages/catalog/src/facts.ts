import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConformanceSummary, DiffSummary, LintSummary } from './model.js';

interface Manifest {
  options?: { name?: string; org?: string; tier?: string; owner?: string };
}

/** Facts of a service folder the readiness result does not carry: owner, org, description, artifacts. */
export function serviceFacts(dir: string) {
  const manifest = readJson<Manifest>(join(dir, '.shipshape', 'manifest.json'));
  const pkg = readJson<{ description?: string }>(join(dir, 'package.json'));
  const project = readJson<{ tags?: string[] }>(join(dir, 'project.json'));
  const tag = (name: string) => project?.tags?.find((t) => t.startsWith(`${name}:`))?.slice(name.length + 1);
  return {
    owner: manifest?.options?.owner ?? tag('owner'),
    org: manifest?.options?.org ?? tag('org'),
    tier: manifest?.options?.tier ?? tag('tier'),
    description: pkg?.description,
    artifacts: {
      openapi: list(dir, 'openapi', /\.(ya?ml|json)$/),
      asyncapi: list(dir, 'asyncapi', /\.(ya?ml|json)$/),
      runbooks: list(dir, 'runbooks', /\.md$/),
      docs: list(dir, 'docs', /\.md$/),
    },
  };
}

/** The last conformance report of the service (reports/conformance/conformance.json), summarised. */
export function conformanceSummary(dir: string): ConformanceSummary | undefined {
  const ref = 'reports/conformance/conformance.json';
  const report = readJson<{
    startedAt?: string;
    commit?: string;
    target?: { commit?: string } | string;
    checks?: { area: string; status: 'pass' | 'fail' | 'skip' }[];
  }>(join(dir, ref));
  if (!report || !Array.isArray(report.checks) || typeof report.startedAt !== 'string') return undefined;
  const areas: ConformanceSummary['areas'] = {};
  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const c of report.checks) {
    const key = c.status === 'pass' ? 'passed' : c.status === 'fail' ? 'failed' : 'skipped';
    areas[c.area] ??= { passed: 0, failed: 0, skipped: 0 };
    areas[c.area][key]++;
    total[key]++;
  }
  const commit = report.commit ?? (typeof report.target === 'object' ? report.target?.commit : undefined);
  return { ...total, startedAt: report.startedAt, ref, areas, ...(commit ? { commit } : {}) };
}

/** The last saved lint report (reports/lint/lint.json), summarised. */
export function lintSummary(dir: string): LintSummary | undefined {
  const ref = 'reports/lint/lint.json';
  const report = readJson<{ summary?: { errors?: number; warnings?: number } }>(join(dir, ref));
  if (!report?.summary) return undefined;
  return { errors: report.summary.errors ?? 0, warnings: report.summary.warnings ?? 0, ref };
}

/** The last `shipshape diff --base` evidence (reports/diff/diff.json), summarised over its specs. */
export function diffSummary(dir: string): DiffSummary | undefined {
  const ref = 'reports/diff/diff.json';
  const report = readJson<{
    base?: string;
    comparedAt?: string;
    specs?: { report?: { breaking?: number; nonBreaking?: number; failed?: boolean } }[];
  }>(join(dir, ref));
  if (!report || !Array.isArray(report.specs) || typeof report.comparedAt !== 'string') return undefined;
  const sum = (key: 'breaking' | 'nonBreaking') =>
    report.specs!.reduce((n, s) => n + (s.report?.[key] ?? 0), 0);
  return {
    base: report.base ?? '',
    comparedAt: report.comparedAt,
    breaking: sum('breaking'),
    nonBreaking: sum('nonBreaking'),
    failed: report.specs.some((s) => s.report?.failed === true),
    ref,
  };
}

function list(dir: string, sub: string, pattern: RegExp): string[] {
  const folder = join(dir, sub);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((n) => pattern.test(n))
    .sort()
    .map((n) => `${sub}/${n}`);
}

function readJson<T>(file: string): T | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}
