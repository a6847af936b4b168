import { readFileSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '@shipshape/cli-kit';
import { isObject, type DerefOptions } from '../deref.js';
import { diffSpecs, parseSpec, type DiffOptions } from '../diff.js';
import { gitRoot, listAt, refExists, showAt, showAtSync } from '../git.js';
import type { CliIO } from '@shipshape/cli-kit';
import type { Compared } from './formats.js';

export async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${path}`);
  }
}

const parseOrUndefined = (text: string | undefined, label: string) =>
  text === undefined ? undefined : parseSpec(text, label);

/** External `$ref`s of a document on disk resolve relative to the file that holds them. */
export const fromDisk = (file: string): DerefOptions => ({
  file,
  load: (path) => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
    return parseSpec(text, path);
  },
});

/** The same at a git ref: referenced files are read as they were at that commit. */
const atRef = (root: string, ref: string, file: string): DerefOptions => ({
  file,
  load: (path) => parseOrUndefined(showAtSync(root, ref, path), `${path}@${ref}`),
});

const isSpec = (doc: unknown) => isObject(doc) && ('openapi' in doc || 'asyncapi' in doc);
const SPEC_FILE = /\.(ya?ml|json)$/i;

async function specsOf(serviceDir: string): Promise<string[]> {
  const out: string[] = [];
  for (const sub of ['openapi', 'asyncapi']) {
    const files = await readdir(join(serviceDir, sub)).catch(() => [] as string[]);
    out.push(
      ...files
        .filter((f) => SPEC_FILE.test(f))
        .sort()
        .map((f) => join(serviceDir, sub, f)),
    );
  }
  return out;
}

/**
 * Each spec under `<service-dir>/openapi` and `asyncapi` against its version at `ref`, compared
 * exactly as the file form compares two files (same options; referenced files read at the ref).
 * Files that are not whole specs (shared fragments) are only read through `$ref`s.
 */
export async function againstBase(
  ref: string,
  dir: string,
  io: CliIO,
  options: DiffOptions,
): Promise<Compared[]> {
  const serviceDir = resolve(io.cwd, dir);
  const root = await gitRoot(serviceDir).catch(() => {
    throw new UsageError(`${dir} is not inside a git repository`);
  });
  if (!(await refExists(root, ref))) throw new UsageError(`unknown git ref ${ref}`);
  const compared: Compared[] = [];
  const current = await specsOf(serviceDir);
  const currentRel = new Set(current.map((f) => relative(root, f).split(sep).join('/')));
  for (const file of current) {
    const text = await readText(file);
    const doc = parseSpec(text, file);
    if (!isSpec(doc)) continue;
    const oldText = await showAt(root, ref, file);
    if (oldText === undefined) continue; // new spec: nothing to break
    const report = diffSpecs(parseSpec(oldText, `${file}@${ref}`), doc, {
      ...options,
      old: atRef(root, ref, file),
      new: fromDisk(file),
    });
    compared.push({ file: relative(io.cwd, file), report, text });
  }
  // A spec deleted since the base removes everything it described.
  const relDir = relative(root, serviceDir).split(sep).join('/');
  for (const sub of ['openapi', 'asyncapi']) {
    for (const name of await listAt(root, ref, relDir ? `${relDir}/${sub}` : sub)) {
      const rel = `${relDir ? relDir + '/' : ''}${sub}/${name}`;
      if (!SPEC_FILE.test(name) || currentRel.has(rel)) continue;
      const old = parseOrUndefined(await showAt(root, ref, join(root, rel)), `${rel}@${ref}`);
      if (!isSpec(old)) continue;
      io.err(`${rel}: removed since ${ref} (every path, channel and message it described is gone)`);
      compared.push({ file: rel, report: deletedReport(sub === 'openapi', basename(rel), options) });
    }
  }
  return compared;
}

function deletedReport(openapi: boolean, name: string, options: DiffOptions): Compared['report'] {
  return {
    kind: openapi ? 'openapi' : 'asyncapi',
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
