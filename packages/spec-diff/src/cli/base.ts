/**
 * `shipshape diff --base <ref> <service-dir>`: each spec the service's descriptor names now against the spec it
 * named at the ref — read from git, with every file they `$ref` — compared exactly as the file form compares two
 * files. A spec the descriptor moved is compared with where it was, not reported removed.
 */
import { readFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { UsageError, type CliIO } from '@shipshape/cli-kit';
import type { ResolvedLayout } from '@shipshape/contracts';
import { isObject } from '../deref.js';
import { diffSpecs, parseSpec, type DiffOptions } from '../diff.js';
import { commitOf, gitRoot, refExists, showAt } from '../git.js';
import type { Compared } from './formats.js';
import { atRef, fromDisk } from './inputs.js';
import { descriptorAt, layoutNow, specFilesAt, specFilesNow } from './locations.js';

type Kind = 'openapi' | 'asyncapi';

interface Spec {
  /** Relative to the repository root, with forward slashes. */
  rel: string;
  abs: string;
  doc: Record<string, unknown>;
  kind: Kind;
  title?: string;
  text: string;
}

export interface BaseComparison {
  compared: Compared[];
  layout: ResolvedLayout;
  baseCommit: string;
  /** The working-tree files the comparison read (specs, what they `$ref`, the descriptor), relative to the service. */
  inputs: string[];
}

const toPosix = (p: string) => p.split('\\').join('/');

function asSpec(root: string, rel: string, text: string, label: string): Spec | undefined {
  const doc = parseSpec(text, label);
  if (!isObject(doc)) return undefined;
  const kind: Kind | undefined = 'openapi' in doc ? 'openapi' : 'asyncapi' in doc ? 'asyncapi' : undefined;
  if (!kind) return undefined; // a shared fragment: only read through $refs
  const info = isObject(doc.info) ? doc.info : {};
  return {
    rel,
    abs: join(root, rel),
    doc,
    kind,
    ...(typeof info.title === 'string' ? { title: info.title } : {}),
    text,
  };
}

/**
 * Pairs each spec now with the one it was at the ref: the same path; else, among specs of the same kind, the same
 * file name, then the same `info.title`, then the only one left. Old specs left unpaired were removed.
 */
export function pairSpecs<T extends Pick<Spec, 'rel' | 'kind' | 'title'>>(
  now: T[],
  then: T[],
): { pairs: Array<{ current: T; base?: T }>; removed: T[] } {
  const left = [...then];
  const pairs: Array<{ current: T; base?: T }> = now.map((spec) => ({ current: spec }));
  const match = (test: (a: T, b: T) => boolean) => {
    for (const pair of pairs) {
      if (pair.base) continue;
      const at = left.findIndex((old) => old.kind === pair.current.kind && test(pair.current, old));
      if (at >= 0) pair.base = left.splice(at, 1)[0];
    }
  };
  match((a, b) => a.rel === b.rel);
  match((a, b) => basename(a.rel) === basename(b.rel));
  match((a, b) => a.title !== undefined && a.title === b.title);
  for (const kind of ['openapi', 'asyncapi'] as const) {
    const alone = pairs.filter((p) => !p.base && p.current.kind === kind);
    const olds = left.filter((s) => s.kind === kind);
    if (alone.length === 1 && olds.length === 1) {
      alone[0].base = olds[0];
      left.splice(left.indexOf(olds[0]), 1);
    }
  }
  return { pairs, removed: left };
}

export async function againstBase(
  ref: string,
  dir: string,
  io: CliIO,
  options: DiffOptions,
): Promise<BaseComparison> {
  const serviceDir = resolve(io.cwd, dir);
  const layout = layoutNow(serviceDir, dir);
  const root = await gitRoot(serviceDir).catch(() => {
    throw new UsageError(`${dir} is not inside a git repository`);
  });
  if (!(await refExists(root, ref))) throw new UsageError(`unknown git ref ${ref}`);
  const read = new Set<string>(layout.descriptorFile ? [layout.descriptorFile] : []);

  const now: Spec[] = [];
  for (const file of specFilesNow(layout)) {
    const text = readFileSync(file, 'utf8');
    read.add(file);
    const spec = asSpec(root, toPosix(relative(root, file)), text, file);
    if (spec) now.push(spec);
  }
  const then: Spec[] = [];
  const descriptor = await descriptorAt(root, ref, serviceDir, dir);
  for (const rel of await specFilesAt(root, ref, serviceDir, descriptor)) {
    const text = await showAt(root, ref, join(root, rel));
    const spec = text === undefined ? undefined : asSpec(root, rel, text, `${rel}@${ref}`);
    if (spec) then.push(spec);
  }

  const { pairs, removed } = pairSpecs(now, then);
  const compared: Compared[] = [];
  for (const { current: spec, base: old } of pairs) {
    if (!old) continue; // new spec: nothing to break
    const file = relative(io.cwd, spec.abs);
    if (old.rel !== spec.rel) io.err(`${file}: was ${old.rel} at ${ref} (moved; compared with it)`);
    const report = diffSpecs(old.doc, spec.doc, {
      ...options,
      old: atRef(root, ref, old.abs),
      new: fromDisk(spec.abs, read),
    });
    compared.push({ file, ...(old.rel !== spec.rel ? { base: old.rel } : {}), report, text: spec.text });
  }
  // A spec gone since the base, and not moved, removes everything it described.
  for (const old of removed) {
    io.err(`${old.rel}: removed since ${ref} (every path, channel and message it described is gone)`);
    compared.push({ file: old.rel, report: deletedReport(old.kind, basename(old.rel), options) });
  }
  return {
    compared,
    layout,
    baseCommit: await commitOf(root, ref),
    inputs: [...read].map((file) => toPosix(relative(serviceDir, file))).sort(),
  };
}

function deletedReport(kind: Kind, name: string, options: DiffOptions): Compared['report'] {
  const openapi = kind === 'openapi';
  return {
    kind,
    gate: openapi ? 'api.versioning' : 'events.schema_registry',
    oldVersion: undefined,
    newVersion: undefined,
    majorBumped: false,
    failOn: options.failOn ?? 'breaking',
    breaking: 1,
    warning: 0,
    info: 0,
    nonBreaking: 0,
    changes: [
      {
        rule: 'spec-removed',
        class: 'breaking',
        pointer: '',
        before: '',
        after: '',
        message: `${name} was deleted`,
      },
    ],
    failed: true,
  };
}
