import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { lintService, type Finding, type LintReport } from '../src/index.js';

export const GOOD = fileURLToPath(new URL('./fixtures/good-service', import.meta.url));
export const BROKEN = fileURLToPath(new URL('./fixtures/broken-service', import.meta.url));

const temps: string[] = [];

/** A throwaway copy of the good fixture (named `orders`), to break one thing in. */
export async function copyGood(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'shipshape-lint-'));
  temps.push(root);
  const dir = join(root, 'orders');
  await cp(GOOD, dir, { recursive: true });
  return dir;
}

export async function cleanup(): Promise<void> {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

/** Rewrites a YAML file of the service through a function of its parsed value. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function editYaml(dir: string, file: string, edit: (doc: any) => void): Promise<void> {
  const path = join(dir, file);
  const doc = parse(await readFile(path, 'utf8'));
  edit(doc);
  await writeFile(path, stringify(doc, { aliasDuplicateObjects: false, lineWidth: 0 }));
}

/** Replaces text in a file of the service (when the exact line matters). */
export async function editText(dir: string, file: string, from: string, to: string): Promise<void> {
  const path = join(dir, file);
  const text = await readFile(path, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  await writeFile(path, text.replace(from, to));
}

/** Lints and keeps the findings of one rule, as compact `file:line rule message` strings. */
export async function findingsOf(dir: string, rule: string): Promise<Finding[]> {
  return (await lintService(dir)).findings.filter((f) => f.rule === rule);
}

export const brief = (f: Finding) => `${f.file}:${f.line} ${f.message}`;

let good: Promise<LintReport> | undefined;
/** The good fixture's findings of one rule (linted once per test file: it is never modified). */
export async function goodFindings(rule: string): Promise<Finding[]> {
  good ??= lintService(GOOD);
  return (await good).findings.filter((f) => f.rule === rule);
}
