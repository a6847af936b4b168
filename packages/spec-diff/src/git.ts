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

/** Files under `dirRel` (relative to the root) at `ref`. */
export async function listAt(root: string, ref: string, dirRel: string): Promise<string[]> {
  try {
    const { stdout } = await run('git', ['ls-tree', '--name-only', `${ref}:${dirRel}`], { cwd: root });
    return stdout.split('\n').filter(Boolean);
  } catch {
    return [];
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
