import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startServiceCommand } from './start.js';

const dir = mkdtempSync(join(tmpdir(), 'shipshape-start-command-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A server started through a shell (so the shell sits between us and it), writing its pid, on $APP_PORT. */
writeFileSync(
  join(dir, 'server.cjs'),
  `require('fs').writeFileSync('server.pid', String(process.pid));
require('http').createServer((q, r) => r.end('ok')).listen(Number(process.env.APP_PORT), '127.0.0.1');`,
);
const command = `${JSON.stringify(process.execPath)} server.cjs`;
const options = { cwd: dir, command, healthUrl: 'http://127.0.0.1:{port}/up', portEnv: 'APP_PORT' };

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
async function until(test: () => boolean, withinMs = 20_000): Promise<boolean> {
  const end = Date.now() + withinMs;
  while (!test()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

describe('startServiceCommand', () => {
  it('starts the command on a free port, and stop() returns once the service it started is gone', async () => {
    const service = await startServiceCommand(options);
    expect(service.url).toBe(`http://127.0.0.1:${service.port}`);
    expect(await (await fetch(`${service.url}/anything`)).text()).toBe('ok');
    const pid = Number(readFileSync(join(dir, 'server.pid'), 'utf8'));
    await service.stop();
    expect(alive(pid)).toBe(false);
    await expect(fetch(service.healthUrl)).rejects.toThrow();
  });

  it('an interrupted run (Ctrl-C) ends the command it started, though it runs in its own process group', async () => {
    rmSync(join(dir, 'server.pid'), { force: true });
    const runner = join(dir, 'runner.mts'); // ESM wherever the folder is
    writeFileSync(
      runner,
      `import { startServiceCommand } from ${JSON.stringify(pathToFileURL(join(import.meta.dirname, 'start.ts')).href)};
await startServiceCommand(${JSON.stringify(options)});
console.log('ready');
setInterval(() => {}, 1000);`,
    );
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;
    const child = spawn(process.execPath, ['--import', tsx, runner], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => b.includes('ready') && resolve());
      child.once('exit', (code) =>
        reject(new Error(`the runner exited (${code}) before the service was ready`)),
      );
    });
    expect(existsSync(join(dir, 'server.pid'))).toBe(true);
    const pid = Number(readFileSync(join(dir, 'server.pid'), 'utf8'));
    expect(alive(pid)).toBe(true);
    const ended = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    child.kill('SIGINT');
    expect(await ended).toBe('SIGINT');
    expect(await until(() => !alive(pid))).toBe(true);
  });
});
