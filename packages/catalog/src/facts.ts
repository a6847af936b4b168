import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE_DOCS, resolveLayout, type ResolvedLayout } from '@shipshape/contracts';
import type { CatalogArtifacts, ConformanceSummary, DiffSummary, LintSummary } from './model.js';

interface Manifest {
  options?: { name?: string; org?: string; tier?: string; owner?: string };
}

/**
 * Facts of a service folder the readiness result does not carry: owner, org, description, artifacts. Who the
 * service is comes from its descriptor first, then from the generator's manifest and the Nx project tags.
 */
export function serviceFacts(dir: string, layout: ResolvedLayout = resolveLayout(dir)) {
  const manifest = readJson<Manifest>(join(dir, '.shipshape', 'manifest.json'));
  const pkg = readJson<{ description?: string }>(join(dir, 'package.json'));
  const project = readJson<{ tags?: string[] }>(join(dir, 'project.json'));
  const tag = (name: string) => project?.tags?.find((t) => t.startsWith(`${name}:`))?.slice(name.length + 1);
  return {
    adopted: layout.adopted,
    owner: layout.owner ?? manifest?.options?.owner ?? tag('owner'),
    org: layout.org ?? manifest?.options?.org ?? tag('org'),
    tier: layout.tier ?? manifest?.options?.tier ?? tag('tier'),
    description: pkg?.description,
    artifacts: serviceArtifacts(layout),
  };
}

/** Every artifact of the service that exists, where its descriptor (or the generated layout) puts it. */
export function serviceArtifacts(layout: ResolvedLayout): CatalogArtifacts {
  const isFile = (rel: string) => {
    try {
      return statSync(layout.abs(rel)).isFile();
    } catch {
      return false;
    }
  };
  const bundle: CatalogArtifacts['bundle'] = {};
  for (const { role } of BUNDLE_DOCS)
    if (isFile(layout.docs.bundle[role])) bundle[role] = layout.docs.bundle[role];
  return {
    openapi: layout.openapi.files.filter(isFile),
    asyncapi: layout.asyncapi.files.filter(isFile),
    runbooks: list(layout.root, layout.runbooks.dir, /\.md$/),
    docsDir: layout.docs.dir,
    docs: [...new Set([...list(layout.root, layout.docs.dir, /\.md$/), ...Object.values(bundle)])],
    bundle,
    alerts: layout.alerts.filter(isFile),
    slos: layout.slos.filter(isFile),
    ...(layout.runbooks.urlPattern ? { runbookUrlPattern: layout.runbooks.urlPattern } : {}),
    ...(layout.descriptorFile ? { descriptor: 'shipshape.yaml' } : {}),
  };
}

/** The last conformance report of the service (`<reports.conformance>/conformance.json`), summarised. */
export function conformanceSummary(
  dir: string,
  layout: ResolvedLayout = resolveLayout(dir),
): ConformanceSummary | undefined {
  const ref = `${layout.reports.conformance}/conformance.json`;
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

/** The last saved lint report (`<reports.lint>/lint.json`), summarised. */
export function lintSummary(
  dir: string,
  layout: ResolvedLayout = resolveLayout(dir),
): LintSummary | undefined {
  const ref = `${layout.reports.lint}/lint.json`;
  const report = readJson<{ summary?: { errors?: number; warnings?: number } }>(join(dir, ref));
  if (!report?.summary) return undefined;
  return { errors: report.summary.errors ?? 0, warnings: report.summary.warnings ?? 0, ref };
}

/** The last `shipshape diff --base` evidence (`<reports.diff>/diff.json`), summarised over its specs. */
export function diffSummary(
  dir: string,
  layout: ResolvedLayout = resolveLayout(dir),
): DiffSummary | undefined {
  const ref = `${layout.reports.diff}/diff.json`;
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

/** Files of a folder of the service matching `pattern`, sorted, relative to the service (`.` is the root). */
function list(dir: string, sub: string, pattern: RegExp): string[] {
  const folder = join(dir, sub);
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) => (sub === '.' || sub === '' ? e.name : `${sub}/${e.name}`))
    .sort();
}

function readJson<T>(file: string): T | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}
