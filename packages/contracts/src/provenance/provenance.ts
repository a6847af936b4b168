import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Provenance } from '../documents/provenance.js';

export interface ProvenanceInput {
  serviceDir: string;
  service: string;
  tool: string;
  version: string;
  /** The files the tool judged, relative to `serviceDir`. Missing files hash as absent. */
  inputs: readonly string[];
  /** Injected clock (tests). */
  now?: () => Date;
}

/** `sha256:<hex>` over each input's path and bytes, in sorted order (a missing file hashes as absent). */
export function hashInputs(serviceDir: string, inputs: readonly string[]): string {
  const hash = createHash('sha256');
  for (const rel of [...new Set(inputs)].sort()) {
    const file = join(serviceDir, rel);
    hash.update(`${rel}\0`);
    if (existsSync(file) && statSync(file).isFile()) hash.update(readFileSync(file));
    else hash.update('\0absent\0');
    hash.update('\0');
  }
  return `sha256:${hash.digest('hex')}`;
}

function git(serviceDir: string, args: string[]): string | null {
  try {
    return execFileSync('git', args, {
      cwd: serviceDir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

/** The commit the service folder is at, and whether any judged input differs from it. */
export function gitState(
  serviceDir: string,
  inputs: readonly string[],
): { commit: string | null; dirty: boolean } {
  const commit = git(serviceDir, ['rev-parse', 'HEAD']);
  if (commit === null) return { commit: null, dirty: false };
  const status = inputs.length > 0 ? git(serviceDir, ['status', '--porcelain', '--', ...inputs]) : '';
  return { commit, dirty: status !== null && status !== '' };
}

/** The provenance record a report carries: who produced it, at which commit, from which inputs. */
export function computeProvenance(input: ProvenanceInput): Provenance {
  const inputs = [...new Set(input.inputs)].sort();
  return {
    service: input.service,
    tool: input.tool,
    version: input.version,
    ...gitState(input.serviceDir, inputs),
    inputsHash: hashInputs(input.serviceDir, inputs),
    inputs,
    producedAt: (input.now?.() ?? new Date()).toISOString(),
  };
}

/**
 * Why a report's provenance does not vouch for this service as it is now; empty when it does. A report with
 * no provenance, for another service, or for other inputs is "unverified evidence" (never GREEN).
 */
export function provenanceProblems(
  provenance: Provenance | undefined | null,
  expect: { serviceDir: string; service: string; tools?: readonly string[] },
): string[] {
  if (!provenance || typeof provenance !== 'object') return ['the report has no provenance record'];
  const problems: string[] = [];
  if (provenance.service !== expect.service)
    problems.push(`the report is for service "${provenance.service}", not "${expect.service}"`);
  if (expect.tools && !expect.tools.includes(provenance.tool))
    problems.push(`the report was written by "${provenance.tool}", not by ${expect.tools.join(' or ')}`);
  if (!Array.isArray(provenance.inputs) || typeof provenance.inputsHash !== 'string')
    return [...problems, 'the provenance record lists no inputs'];
  const now = hashInputs(expect.serviceDir, provenance.inputs);
  if (now !== provenance.inputsHash) problems.push('the inputs it judged have changed since it was written');
  const { commit } = gitState(expect.serviceDir, []);
  if (
    commit !== null &&
    provenance.commit !== null &&
    provenance.commit !== commit &&
    now !== provenance.inputsHash
  )
    problems.push(`it was written at commit ${provenance.commit.slice(0, 12)}, not ${commit.slice(0, 12)}`);
  return problems;
}
