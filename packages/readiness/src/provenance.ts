import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  computeProvenance,
  provenanceProblems,
  type Provenance,
  type ResolvedLayout,
} from '@shipshape/contracts';
import { glob } from 'tinyglobby';

export type { Provenance };

const commits = new Map<string, string | undefined>();

/** The commit checked out where `dir` is (HEAD), or undefined outside a git repository. Cached per folder. */
export function gitCommit(dir: string): string | undefined {
  if (!commits.has(dir)) {
    try {
      const out = execFileSync('git', ['rev-parse', 'HEAD'], {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      commits.set(dir, out.toString().trim());
    } catch {
      commits.set(dir, undefined);
    }
  }
  return commits.get(dir);
}

/** The files `patterns` name under `dir` (a folder counts with all its files), sorted, relative to `dir`. */
export async function expandInputs(
  dir: string,
  patterns: string[],
  ignore: string[] = [],
): Promise<string[]> {
  const expanded = patterns.map((p) =>
    /[*?{[]/.test(p) || /\.[A-Za-z0-9]+$/.test(p) ? p : `${p.replace(/\/$/, '')}/**`,
  );
  return (
    await glob(expanded, { cwd: dir, dot: true, onlyFiles: true, ignore: ['**/node_modules/**', ...ignore] })
  ).sort();
}

/**
 * The hash of what a readiness run judged (the in-toto subject): every file of the service but what runs write,
 * each as `sha256  path` (sha256sum's format), hashed together.
 */
export async function hashInputs(
  dir: string,
  patterns: string[],
  ignore: string[] = [],
): Promise<{ inputsHash: string; files: string[] }> {
  const files = await expandInputs(dir, patterns, ignore);
  const hash = createHash('sha256');
  for (const file of files) {
    const digest = createHash('sha256')
      .update(await readFile(join(dir, file)))
      .digest('hex');
    hash.update(`${digest}  ${file}\n`);
  }
  return { inputsHash: `sha256:${hash.digest('hex')}`, files };
}

export interface ProvenanceCheck {
  ok: boolean;
  /** Why the report is not evidence about this service as it is (AMBER "unverified evidence"). */
  reason?: string;
}

/**
 * Whether a report's `provenance` (@shipshape/contracts' record) proves it is about this service and the inputs as
 * they are now: it names the service, the tool and version, and inputs whose hash is what the files hash to now
 * (contracts' provenanceProblems). `required` folders must have been judged whole: a file there that the report
 * did not list (added since, or left out) makes it unverified too.
 */
export async function verifyProvenance(
  dir: string,
  service: string,
  ref: string,
  value: unknown,
  required: string[] = [],
): Promise<ProvenanceCheck> {
  const fail = (why: string): ProvenanceCheck => ({
    ok: false,
    reason: `unverified evidence: ${ref} ${why}`,
  });
  if (!value || typeof value !== 'object')
    return fail('records no provenance (service, tool, version, commit, inputs hash)');
  const p = value as Partial<Provenance>;
  for (const key of ['service', 'tool', 'version', 'inputsHash'] as const) {
    if (typeof p[key] !== 'string' || p[key] === '') return fail(`has no provenance.${key}`);
  }
  if (!Array.isArray(p.inputs)) return fail('names no inputs');
  if (p.service !== service) return fail(`is about service ${p.service}, not ${service}`);
  const judged = new Set(p.inputs);
  const unjudged = (await expandInputs(dir, required)).filter((f) => !judged.has(f));
  if (unjudged.length)
    return fail(
      `did not judge ${unjudged.slice(0, 3).join(', ')}${unjudged.length > 3 ? ` and ${unjudged.length - 3} more` : ''}`,
    );
  const problems = provenanceProblems(p as Provenance, { serviceDir: dir, service });
  if (problems.length) return fail(`judged other inputs: ${problems.join('; ')}`);
  return { ok: true };
}

/**
 * What a readiness run judged: the whole service folder except what runs write — the reports folder, data, build
 * output and readiness's own output (the readiness file, SERVICE_READINESS's doc, the badges), where the
 * service's layout (shipshape.yaml) puts them.
 */
export function serviceOutputs(layout: ResolvedLayout): string[] {
  return [
    `${layout.reports.dir}/**`,
    '.data/**',
    'dist/**',
    layout.readiness.file,
    layout.docs.bundle.SERVICE_READINESS,
    `${layout.docs.dir}/badges/**`,
  ];
}

/** The provenance a report writer records, over the files `patterns` name (contracts' computeProvenance). */
export async function makeProvenance(
  dir: string,
  service: string,
  tool: string,
  version: string,
  patterns: string[],
): Promise<Provenance> {
  return computeProvenance({
    serviceDir: dir,
    service,
    tool,
    version,
    inputs: await expandInputs(dir, patterns),
  });
}
