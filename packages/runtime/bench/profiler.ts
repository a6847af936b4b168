/**
 * CPU profile of the bench server while it serves (not its start-up): started once the servers listen,
 * written as `<dir>/serve-<pid>.cpuprofile` when the parent says stop. BENCH_CPU_PROF=<dir> turns it on
 * (compare.ts sets it from COMPARE_CPU_PROF); summarise with `npx tsx bench/profile-summary.ts <file>`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

/** Starts profiling when `dir` is set; the returned function stops and writes the profile. */
export async function startProfile(dir: string | undefined): Promise<() => Promise<void>> {
  if (!dir) return async () => undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  // 1 ms between samples (V8's default), as `node --cpu-prof` takes them.
  await session.post('Profiler.setSamplingInterval', { interval: 1000 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `serve-${process.pid}.cpuprofile`), JSON.stringify(profile));
  };
}
