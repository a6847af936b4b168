import { existsSync, readFileSync } from 'node:fs';

import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { lintService, type LintReport } from '@shipshape/lint';
import type { Catalog } from './catalog.js';
import {
  ATTESTATIONS_FILE,
  AttestationFileError,
  parseAttestations,
  type AttestationFile,
} from './artifacts/attestations.js';
import { readConformanceReport, type ConformanceReport } from './artifacts/conformance.js';
import { days, isDir, listFiles, newest, readText, relPath } from './artifacts/files.js';
import { parseMarkdown, type MarkdownDoc } from './artifacts/markdown.js';
import { migrationFiles, readSchema, type SchemaModel } from './artifacts/migrations.js';
import { scanSource, type SourceFacts } from './artifacts/source.js';

/** Inputs of a run that a user got wrong (unreadable --conformance, broken readiness.yaml): exit 2, one line. */
export class ReadinessInputError extends Error {
  override readonly name = 'ReadinessInputError';
}

export interface LintEvidence {
  report: LintReport;
  /** `reports/lint/lint.json` when that report was fresh, else `shipshape lint` (run now). */
  ref: string;
}

export interface ConformanceEvidence {
  report: ConformanceReport;
  ref: string;
  /** Why the report no longer proves anything about the service as it is, when it does not. */
  stale?: string;
}

export interface ServiceSettings {
  target?: string;
  evidenceMaxAgeDays?: number;
}

export interface EvalContext {
  dir: string;
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
const LINT_INPUTS = ['openapi', 'asyncapi', 'errors', 'ops', 'runbooks'];
const CONFORMANCE_INPUTS = ['openapi', 'src', 'migrations'];

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
    manifestValue?.options?.tier ?? project?.tags?.find((t) => t.startsWith('tier:'))?.slice('tier:'.length);
  const settings = readSettings(await text('readiness.yaml'));
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

  const inputsNewerThan = async (folders: string[], extra: string[], since: Date) => {
    const files = [
      ...(await Promise.all(folders.map((f) => listFiles(join(dir, f))))).flat(),
      ...extra.map((f) => join(dir, f)),
    ];
    const latest = await newest(files);
    return latest && latest.mtime.getTime() > since.getTime() ? latest : undefined;
  };

  const lint = once(async (): Promise<LintEvidence> => {
    const file = join(dir, 'reports', 'lint', 'lint.json');
    const saved = readJson('reports/lint/lint.json') as LintReport | undefined;
    // A saved report counts when it is newer than every file it linted, recent, and made by this lint version.
    if (
      saved &&
      Array.isArray(saved.gates) &&
      typeof saved.startedAt === 'string' &&
      saved.version === lintVersion()
    ) {
      const newer = await inputsNewerThan(LINT_INPUTS, [], new Date(saved.startedAt));
      const age = now.getTime() - Date.parse(saved.startedAt);
      if (!newer && age <= maxAgeMs) return { report: saved, ref: rel(file) };
    }
    return { report: await lintService(dir), ref: 'shipshape lint (run now)' };
  });

  const conformance = once(async (): Promise<ConformanceEvidence | undefined> => {
    const explicit = options.conformance !== undefined;
    const file = explicit
      ? resolve(options.conformance!)
      : join(dir, 'reports', 'conformance', 'conformance.json');
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
    let stale: string | undefined;
    if (age > maxAgeMs) {
      stale = `stale: the conformance run of ${report.startedAt.slice(0, 10)} is ${days(age)} days old (max ${days(maxAgeMs)})`;
    } else {
      const newer = await inputsNewerThan(CONFORMANCE_INPUTS, ['package.json'], started);
      if (newer) {
        stale = `stale: ${rel(newer.file)} changed after the conformance run of ${report.startedAt}`;
      }
    }
    return { report, ref, ...(stale ? { stale } : {}) };
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
      ...(await migrationFiles(join(dir, 'migrations'), 'service')),
    ]);
  });

  const sources = once(async () => {
    const files = await listFiles(
      join(dir, 'src'),
      (n) => /\.(c|m)?[tj]sx?$/.test(n) && !/\.(spec|test)\./.test(n),
    );
    return Promise.all(files.map(async (f) => scanSource(rel(f), (await readText(f)) ?? '')));
  });

  const attestations = once(async (): Promise<AttestationFile> => {
    const content = await text(ATTESTATIONS_FILE);
    if (content === undefined) return { entries: [], invalid: [] };
    try {
      return parseAttestations(content);
    } catch (error) {
      if (error instanceof AttestationFileError) throw new ReadinessInputError(error.message);
      throw error;
    }
  });

  const repoRoot = (): string | undefined => {
    let current = dirname(dir);
    for (;;) {
      if (existsSync(join(current, 'nx.json')) || existsSync(join(current, '.git'))) return current;
      const parent = dirname(current);
      if (parent === current) return undefined;
      current = parent;
    }
  };

  return {
    dir,
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

function readSettings(content: string | undefined): ServiceSettings {
  if (content === undefined) return {};
  let value: unknown;
  try {
    value = parse(content);
  } catch (error) {
    throw new ReadinessInputError(
      `readiness.yaml is not valid YAML: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  if (value == null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new ReadinessInputError('readiness.yaml must be a mapping');
  const v = value as Record<string, unknown>;
  const settings: ServiceSettings = {};
  if (v.target !== undefined) {
    if (typeof v.target !== 'string' || !/^L[0-5]$/.test(v.target)) {
      throw new ReadinessInputError('readiness.yaml: target must be one of L0 … L5');
    }
    settings.target = v.target;
  }
  if (v.evidenceMaxAgeDays !== undefined) {
    if (typeof v.evidenceMaxAgeDays !== 'number' || !(v.evidenceMaxAgeDays > 0)) {
      throw new ReadinessInputError('readiness.yaml: evidenceMaxAgeDays must be a positive number');
    }
    settings.evidenceMaxAgeDays = v.evidenceMaxAgeDays;
  }
  return settings;
}
