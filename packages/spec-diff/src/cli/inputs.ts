import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { UsageError } from '@shipshape/cli-kit';
import type { DerefOptions } from '../deref.js';
import { parseSpec } from '../diff.js';
import { showAtSync } from '../git.js';

export async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${path}`);
  }
}

const parseOrUndefined = (text: string | undefined, label: string) =>
  text === undefined ? undefined : parseSpec(text, label);

/**
 * External `$ref`s of a document on disk resolve relative to the file that holds them; `read` collects the files
 * loaded (the inputs a report's provenance names).
 */
export const fromDisk = (file: string, read?: Set<string>): DerefOptions => ({
  file,
  load: (path) => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
    read?.add(path);
    return parseSpec(text, path);
  },
});

/** The same at a git ref: referenced files are read as they were at that commit. */
export const atRef = (root: string, ref: string, file: string): DerefOptions => ({
  file,
  load: (path) => parseOrUndefined(showAtSync(root, ref, path), `${path}@${ref}`),
});
