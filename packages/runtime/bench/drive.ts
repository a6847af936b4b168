import { fork } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { compare, CONNECTIONS, DURATION, ROUNDS, WARMUP } from './measure.js';
import { verdicts, writeResults } from './report.js';
import { peakRssMb, rssMb } from './rss.js';
import { comparisons, type Targets } from './scenarios.js';

/** The driver process: starts `bench.ts --serve`, runs the comparisons (autocannon), writes the results. */
export async function drive(): Promise<void> {
  // The service's log lines (stdout) go to /dev/null: written, as in production, but not shown.
  const child = fork(fileURLToPath(new URL('./bench.ts', import.meta.url)), ['--serve'], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const targets = await Promise.race([
    new Promise<Targets>((resolve) => child.once('message', (m) => resolve(m as Targets))),
    exited.then((code) => Promise.reject(new Error(`bench server exited with ${code}`))),
  ]);
  try {
    const loadAtStart = loadavg()[0].toFixed(1);
    const idleRss = rssMb(child.pid);
    console.log(
      `\nDatabase: ${targets.databaseLabel}; ${CONNECTIONS} connections, ${DURATION} s per scenario in ${ROUNDS} alternating rounds after ${WARMUP} s warm-up; ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'})\n`,
    );
    const groups = comparisons(targets);
    const [bareGet, runtimeGet] = await compare(groups.get);
    const [barePing, runtimePing] = await compare(groups.ping);
    const [barePost, plainPost, idemPost] = await compare(groups.post);
    const figures = { bareGet, runtimeGet, barePing, runtimePing, barePost, plainPost, idemPost };
    const outcome = verdicts(figures);
    outcome.lines.push(
      `server process RSS: ${idleRss ?? '?'} MB idle, ${peakRssMb(child.pid) ?? '?'} MB peak under load (target ≤ 150 / ≤ 250 MB; runtime and bare app in one process, TypeScript through tsx)`,
    );
    console.log(`\n${outcome.lines.join('\n')}\n`);
    await writeResults(figures, targets.databaseLabel, loadAtStart, outcome);
  } finally {
    child.send('stop');
    await exited;
  }
}
