/** Where a command writes. Injected so commands are testable without touching process streams. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  /** True when stdout is an interactive terminal (live progress lines are allowed). */
  isTTY: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export function processIO(): CliIO {
  return {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    isTTY: Boolean(process.stdout.isTTY),
    cwd: process.cwd(),
    env: process.env,
  };
}

export interface MemoryIO extends CliIO {
  stdout: string[];
  stderr: string[];
}

/** An in-memory IO for tests: lines land in `stdout` / `stderr`. */
export function memoryIO(overrides: Partial<CliIO> = {}): MemoryIO {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (line) => stdout.push(line),
    err: (line) => stderr.push(line),
    isTTY: false,
    cwd: process.cwd(),
    env: {},
    ...overrides,
  };
}
