import { existsSync, readFileSync } from 'node:fs';

import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { lintService, type LintReport } from '@shipshape/lint';
import type { Catalog } from './catalog.js';
import { AttestationFileError, parseAttestations, type AttestationFile } from './artifacts/attestations.js';
import { readConformanceReport, type ConformanceReport } from './artifacts/conformance.js';
import { days, isDir, listFiles, readText, relPath } from './artifacts/files.js';
import { parseMarkdown, type MarkdownDoc } from './artifacts/markdown.js';
import { migrationFiles, readSchema, type SchemaModel } from './artifacts/migrations.js';
import { scanSource, type SourceFacts } from './artifacts/source.js';
import { findRepoRoot } from './custom/load.js';
import { verifyProvenance } from './provenance.js';
import { readSettings, ReadinessInputError, type ServiceSettings } from './settings.js';
import { applyAndRead, type DbSchema } from './artifacts/pgcatalog.js';
import { loadLayout, type ResolvedLayout } from './layout.js';

export { ReadinessInputError, DATA_DEFAULTS, COVERAGE_DEFAULTS } from './settings.js';
export type { ServiceSettings, DataSettings, CoverageThresholds } from './settings.js';

export interface LintEvidence {
  report: LintReport;
  /** `<reports.lint>/lint.json` when that report was fresh, else `shipshape lint` (run now). */
  ref: string;
}

export interface ConformanceEvidence {
  report: ConformanceReport;
  ref: string;
  /** Why the report no longer proves anything about the service as it is, when it does not. */
  stale?: string;
  /** Why the report does not prove it is about this service, commit and inputs (its provenance), when it does not. */
  unverified?: string;
}

export interface EvalContext {
  dir: string;
  /** Where every artifact is: the service's shipshape.yaml resolved, the generated layout where a key is absent. */
  layout: ResolvedLayout;
  service: string;
  tier?: string;
  now: Date;
  catalog: Catalog;
  settings: ServiceSettings;
  rel(file: string): string;
  text(rel: string): Promise<string | undefined>;
  markdown(rel: string): Promise<MarkdownDoc | undefined>;
  lint(): Promise<LintEvidence>;
  conformance(): Promise<ConformanceEvidence | undefined>;
  schema(): Promise<SchemaModel>;
  /** The migrations (runtime's first) applied to an embedded PostgreSQL, read back from its catalog. */
  database(): Promise<DbSchema>;
  sources(): Promise<SourceFacts[]>;
  packageJson(): Promise<Record<string, unknown> | undefined>;
  manifest(): Promise<Manifest | undefined>;
  attestations(): Promise<AttestationFile>;
  repoRoot(): string | undefined;
  /** The migrations folder of the @shipshape/runtime the service depends on, when it does. */
  runtimeMigrationsDir(): string | undefined;
}

export interface Manifest {
  service?: string;
  options?: { name?: string; tier?: string; org?: string };
  files?: Record<string, string>;
}

export interface ContextOptions {
  conformance?: string;
  now?: Date;
}

const DEFAULT_EVIDENCE_MAX_AGE_DAYS = 30;
/** What a saved lint / conformance report must have judged to count (its provenance.inputs). */
const lintInputs = (layout: ResolvedLayout) => [...layout.openapi.from, ...layout.asyncapi.from];
const conformanceInputs = (layout: ResolvedLayout) => [...layout.openapi.from, 'src', layout.migrations.dir];

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= load());
}

export async function createContext(
  serviceDir: string,
  catalog: Catalog,
  options: ContextOptions = {},
): Promise<EvalContext> {
  const dir = resolve(serviceDir);
  if (!isDir(dir)) throw new ReadinessInputError(`service folder not found: ${serviceDir}`);
  const layout = loadLayout(dir);
  const now = options.now ?? new Date();
  const rel = (file: string) => relPath(dir, file);
  const text = (path: string) => readText(join(dir, path));
  const readJson = (path: string): Record<string, unknown> | undefined => {
    const file = join(dir, path);
    if (!existsSync(file)) return undefined;
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch {
      throw new ReadinessInputError(`${path} is not valid JSON`);
    }
  };
  const manifestValue = readJson('.shipshape/manifest.json') as Manifest | undefined;
  const project = readJson('project.json') as { name?: string; tags?: string[] } | undefined;
  const pkg = readJson('package.json');
  const service = manifestValue?.service ?? manifestValue?.options?.name ?? project?.name ?? basename(dir);
  const tier =
    manifestValue?.options?.tier ??
    project?.tags?.find((t) => t.startsWith('tier:'))?.slice('tier:'.length) ??
    layout.tier;
  const settings = readSettings(
    await text(layout.readiness.file),
    { tenantColumn: layout.tenantColumn, globalTables: layout.globalTables },
    layout.readiness.file,
  );
  const maxAgeMs = (settings.evidenceMaxAgeDays ?? DEFAULT_EVIDENCE_MAX_AGE_DAYS) * 86_400_000;

  const markdownCache = new Map<string, Promise<MarkdownDoc | undefined>>();
  const markdown = (path: string) => {
    if (!markdownCache.has(path)) {
      markdownCache.set(
        path,
        text(path).then((t) => (t === undefined ? undefined : parseMarkdown(t))),
      );
    }
    return markdownCache.get(path)!;
  };

  const lint = once(async (): Promise<LintEvidence> => {
    const path = `${layout.reports.lint}/lint.json`;
    const file = join(dir, path);
    const saved = readJson(path) as (LintReport & { provenance?: unknown }) | undefined;
    // A saved report counts when its provenance proves it judged this service's files as they are now, with this
    // lint version, recently; otherwise lint runs now (its own evidence, made here).
    if (saved && Array.isArray(saved.gates) && typeof saved.startedAt === 'string') {
      const proof = await verifyProvenance(dir, service, rel(file), saved.provenance, lintInputs(layout));
      const age = now.getTime() - Date.parse(saved.startedAt);
      const sameTool = (saved.provenance as { version?: string } | undefined)?.version === lintVersion();
      if (proof.ok && sameTool && age <= maxAgeMs) return { report: saved, ref: rel(file) };
    }
    return { report: await lintService(dir), ref: 'shipshape lint (run now)' };
  });

  const conformance = once(async (): Promise<ConformanceEvidence | undefined> => {
    const explicit = options.conformance !== undefined;
    const file = explicit
      ? resolve(options.conformance!)
      : join(dir, layout.reports.conformance, 'conformance.json');
    if (!explicit && !existsSync(file)) return undefined;
    let report: ConformanceReport;
    try {
      report = await readConformanceReport(file);
    } catch (error) {
      throw new ReadinessInputError((error as Error).message);
    }
    const ref = file.startsWith(dir) ? rel(file) : file;
    const started = new Date(report.startedAt);
    const age = now.getTime() - started.getTime();
    const proof = await verifyProvenance(dir, service, ref, report.provenance, conformanceInputs(layout));
    let stale: string | undefined;
    if (age > maxAgeMs) {
      stale = `stale: the conformance run of ${report.startedAt.slice(0, 10)} is ${days(age)} days old (max ${days(maxAgeMs)})`;
    }
    return { report, ref, ...(stale ? { stale } : {}), ...(proof.ok ? {} : { unverified: proof.reason! }) };
  });

  const runtimeMigrationsDir = (): string | undefined => {
    const deps = { ...(pkg?.dependencies as object), ...(pkg?.devDependencies as object) } as Record<
      string,
      string
    >;
    if (!deps['@shipshape/runtime']) return undefined;
    for (const from of [join(dir, 'package.json'), import.meta.url]) {
      try {
        const pkgFile = createRequire(from).resolve('@shipshape/runtime/package.json');
        const migrations = join(dirname(pkgFile), 'migrations');
        if (isDir(migrations)) return migrations;
      } catch {
        // not resolvable from here; try the next place
      }
    }
    return undefined;
  };

  const schema = once(async () => {
    const runtimeDir = runtimeMigrationsDir();
    return readSchema([
      ...(runtimeDir ? await migrationFiles(runtimeDir, 'runtime') : []),
      ...(await migrationFiles(layout.abs(layout.migrations.dir), 'service')),
    ]);
  });

  const database = once(async () => {
    // PGlite is PostgreSQL: migrations of another dialect cannot be applied here, and saying so is the verdict.
    if (layout.migrations.dialect !== 'postgresql')
      throw new Error(
        `${layout.migrations.dir}/ is ${layout.migrations.dialect} (data.dialect in shipshape.yaml): readiness applies PostgreSQL migrations only`,
      );
    return applyAndRead((await schema()).files);
  });

  const sources = once(async () => {
    const files = await listFiles(
      join(dir, 'src'),
      (n) => /\.(c|m)?[tj]sx?$/.test(n) && !/\.(spec|test)\./.test(n),
    );
    return Promise.all(files.map(async (f) => scanSource(rel(f), (await readText(f)) ?? '')));
  });

  const attestations = once(async (): Promise<AttestationFile> => {
    const content = await text(layout.readiness.attestations);
    if (content === undefined) return { entries: [], invalid: [] };
    try {
      return parseAttestations(content, layout.readiness.attestations);
    } catch (error) {
      if (error instanceof AttestationFileError) throw new ReadinessInputError(error.message);
      throw error;
    }
  });

  const root = findRepoRoot(dir);
  const repoRoot = (): string | undefined => root;

  return {
    dir,
    layout,
    service,
    ...(tier ? { tier } : {}),
    now,
    catalog,
    settings,
    rel,
    text,
    markdown,
    lint,
    conformance,
    schema,
    database,
    sources,
    packageJson: async () => pkg,
    manifest: async () => manifestValue,
    attestations,
    repoRoot,
    runtimeMigrationsDir,
  };
}

let lintVersionValue: string | undefined;
function lintVersion(): string | undefined {
  if (lintVersionValue === undefined) {
    try {
      const file = createRequire(import.meta.url).resolve('@shipshape/lint/package.json');
      lintVersionValue = (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    } catch {
      lintVersionValue = '';
    }
  }
  return lintVersionValue;
}
