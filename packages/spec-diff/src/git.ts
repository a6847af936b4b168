import { execFile, execFileSync } from 'node:child_process';
import { relative, sep } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The repository root that contains `dir` (throws when `dir` is not in a git work tree). */
export async function gitRoot(dir: string): Promise<string> {
  const { stdout } = await run('git', ['rev-parse', '--show-toplevel'], { cwd: dir });
  return stdout.trim();
}

/** True when `ref` names a commit. */
export async function refExists(root: string, ref: string): Promise<boolean> {
  try {
    await run('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: root });
    return true;
  } catch {
    return false;
  }
}

/** A file's text at `ref`, or undefined when it did not exist there. */
export async function showAt(root: string, ref: string, file: string): Promise<string | undefined> {
  const path = relative(root, file).split(sep).join('/');
  try {
    const { stdout } = await run('git', ['show', `${ref}:${path}`], {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch {
    return undefined;
  }
}

/** Same as {@link showAt}, synchronously (external `$ref`s resolve while the diff runs). */
export function showAtSync(root: string, ref: string, file: string): string | undefined {
  const path = relative(root, file).split(sep).join('/');
  try {
    return execFileSync('git', ['show', `${ref}:${path}`], {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).toString('utf8');
  } catch {
    return undefined;
  }
}

/** `blob`, `tree`, or undefined when `rel` (relative to the root) does not exist at `ref`. */
export async function objectTypeAt(root: string, ref: string, rel: string): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', ['cat-file', '-t', `${ref}:${rel}`], { cwd: root });
    return stdout.trim();
  } catch {
    return undefined;
  }
}

/** The files (not folders) directly inside `rel` at `ref`, as paths relative to the root. */
export async function listTreeAt(root: string, ref: string, rel: string): Promise<string[]> {
  try {
    const { stdout } = await run('git', ['ls-tree', ref, '--', `${rel}/`], { cwd: root });
    return stdout
      .split('\n')
      .map((line) => /^\d+ blob [0-9a-f]+\t(.+)$/.exec(line)?.[1])
      .filter((path): path is string => path !== undefined);
  } catch {
    return [];
  }
}

/** The commit `ref` names. */
export async function commitOf(root: string, ref: string): Promise<string> {
  const { stdout } = await run('git', ['rev-parse', '--verify', `${ref}^{commit}`], { cwd: root });
  return stdout.trim();
}
