import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { CONNECTIONS, DURATION, ROUNDS, WARMUP, type Figures } from './measure.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const NOTES_MARKER = '<!-- notes: kept by bench.ts across runs -->';

/** Every scenario's figures, named by the comparison they belong to. */
export interface RunFigures {
  bareGet: Figures;
  runtimeGet: Figures;
  barePing: Figures;
  runtimePing: Figures;
  barePost: Figures;
  plainPost: Figures;
  idemPost: Figures;
}

/** The ratios and where each target stands, one line each (printed, and listed in results.md). */
export function verdicts(f: RunFigures) {
  const getRatio = f.runtimeGet.requestsPerSec / f.bareGet.requestsPerSec;
  const postRatio = f.idemPost.requestsPerSec / f.plainPost.requestsPerSec;
  const verdict = (ok: boolean) => (ok ? 'meets' : 'misses');
  const pingRatio = f.runtimePing.requestsPerSec / f.barePing.requestsPerSec;
  const lines = [
    `GET ratio runtime / bare: ${getRatio.toFixed(2)} (target ≥ 0.80: ${verdict(getRatio >= 0.8)})`,
    `HTTP core alone (no database) runtime / bare: ${pingRatio.toFixed(2)}`,
    `POST ratio idempotent / plain: ${postRatio.toFixed(2)} (target ≥ 0.60: ${verdict(postRatio >= 0.6)})`,
    `p99 at ${CONNECTIONS} connections: runtime GET ${f.runtimeGet.p99} ms, idempotent POST ${f.idemPost.p99} ms (target ≤ 25 ms: ${verdict(
      Math.max(f.runtimeGet.p99, f.idemPost.p99) <= 25,
    )})`,
  ];
  return { lines, getRatio, postRatio, pingRatio };
}

/** Writes bench/results.md (hand-written notes below NOTES_MARKER survive) and bench/results.json. */
export async function writeResults(
  f: RunFigures,
  databaseLabel: string,
  loadAtStart: string,
  { lines, getRatio, postRatio, pingRatio }: ReturnType<typeof verdicts>,
): Promise<void> {
  const all = [f.bareGet, f.runtimeGet, f.barePing, f.runtimePing, f.barePost, f.plainPost, f.idemPost];
  const when = new Date().toISOString();
  const table = [
    '| scenario | req/s | p50 ms | p99 ms | non-2xx | errors |',
    '|---|---:|---:|---:|---:|---:|',
    ...all.map(
      (x) => `| ${x.scenario} | ${x.requestsPerSec} | ${x.p50} | ${x.p99} | ${x.non2xx} | ${x.errors} |`,
    ),
  ];
  // Hand-written notes below NOTES_MARKER in results.md survive a new run.
  const previous = await readFile(join(HERE, 'results.md'), 'utf8').catch(() => '');
  const notes = previous.includes(NOTES_MARKER) ? previous.slice(previous.indexOf(NOTES_MARKER)) : '';
  const resultsMd = join(HERE, 'results.md');
  await writeFile(
    resultsMd,
    // Formatted like the rest of the repository, so `prettier --check .` stays green after a run.
    await format(
      [
        '# @shipshape/runtime benchmark',
        '',
        `Run ${when} with \`npm run bench -w @shipshape/runtime\` (bench/bench.ts).`,
        `Database: ${databaseLabel}. autocannon, ${CONNECTIONS} connections, ${DURATION} s per scenario in ${ROUNDS} alternating rounds after a ${WARMUP} s warm-up,`,
        `autocannon and the servers in two processes on the same ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'});`,
        `1-minute load average ${loadAtStart} at the start, ${loadavg()[0].toFixed(1)} at the end (other work shares the machine).`,
        '',
        ...table,
        '',
        ...lines.map((l) => `- ${l}`),
        '',
        ...(notes ? [notes.trimEnd(), ''] : []),
      ].join('\n'),
      { ...(await resolveConfig(resultsMd)), parser: 'markdown' },
    ),
  );
  await writeFile(
    join(HERE, 'results.json'),
    `${JSON.stringify({ when, database: databaseLabel, connections: CONNECTIONS, durationSeconds: DURATION, results: all, getRatio, postRatio, pingRatio }, null, 2)}\n`,
  );
}
