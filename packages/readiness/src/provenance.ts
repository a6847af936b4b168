import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { glob } from 'tinyglobby';

/**
 * What a report records about what it judged (the shape of @shipshape/contracts' `Provenance`): the service, the
 * tool and its version, the git commit and a hash of the inputs (files relative to the service folder).
 */
export interface Provenance {
  service: string;
  tool: string;
  version: string;
  commit: string;
  inputsHash: string;
  inputs: string[];
}

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

/**
 * The hash of a set of inputs: the files the patterns match under `dir` (folders count with all their files),
 * sorted, each as `sha256  path` (sha256sum's format), hashed together. Returns the files too.
 */
export async function hashInputs(
  dir: string,
  patterns: string[],
  ignore: string[] = [],
): Promise<{ inputsHash: string; files: string[] }> {
  const expanded = patterns.map((p) =>
    /[*?{[]/.test(p) || /\.[A-Za-z0-9]+$/.test(p) ? p : `${p.replace(/\/$/, '')}/**`,
  );
  const files = (
    await glob(expanded, { cwd: dir, dot: true, onlyFiles: true, ignore: ['**/node_modules/**', ...ignore] })
  ).sort();
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
 * Whether a report's `provenance` proves it is about this service, at this commit, for these inputs: it names the
 * service, the tool and version, the commit checked out now (when the folder is in git), and inputs whose hash is
 * what the files hash to now. `required` lists inputs the report must have judged (e.g. `openapi`).
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
  for (const key of ['service', 'tool', 'version', 'commit', 'inputsHash'] as const) {
    if (typeof p[key] !== 'string' || p[key] === '') return fail(`has no provenance.${key}`);
  }
  if (!Array.isArray(p.inputs) || p.inputs.length === 0) return fail('names no inputs');
  if (p.service !== service) return fail(`is about service ${p.service}, not ${service}`);
  const missing = required.filter((r) => !p.inputs!.some((i) => i === r || i.startsWith(`${r}/`)));
  if (missing.length) return fail(`did not judge ${missing.join(', ')}`);
  const head = gitCommit(dir);
  if (head && p.commit !== head)
    return fail(`was made at commit ${p.commit!.slice(0, 12)}, the checkout is at ${head.slice(0, 12)}`);
  const now = await hashInputs(dir, p.inputs);
  if (now.inputsHash !== p.inputsHash)
    return fail('judged other inputs (their hash differs from the files as they are)');
  return { ok: true };
}

/** What a readiness run judged: the whole service folder except what runs write (reports, data, readiness output). */
export const SERVICE_OUTPUTS = [
  'reports/**',
  '.data/**',
  'dist/**',
  'readiness.yaml',
  'docs/SERVICE_READINESS.md',
  'docs/badges/**',
];

/** The provenance a report writer records (the evaluator side of @shipshape/contracts' helper). */
export async function makeProvenance(
  dir: string,
  service: string,
  tool: string,
  version: string,
  inputs: string[],
): Promise<Provenance> {
  const { inputsHash } = await hashInputs(dir, inputs);
  return { service, tool, version, commit: gitCommit(dir) ?? 'uncommitted', inputsHash, inputs };
}
