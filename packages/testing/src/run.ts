import { execFile } from 'node:child_process';

export interface RunResult {
  stdout: string;
  stderr: string;
}

/** Runs a program without a shell; rejects with its stderr (trimmed) in the message when it fails. */
export function run(file: string, args: string[], timeoutMs = 60_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) {
        const detail = (stderr || stdout || err.message).trim().split('\n').slice(-5).join(' | ');
        reject(new Error(`${[file, ...args].join(' ')} failed: ${detail}`));
        return;
      }
      resolve({ stdout, stderr });
    });
  });
}

/** Quotes one argument for /bin/sh. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
