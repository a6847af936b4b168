import autocannon from 'autocannon';
import type { Scenario } from './scenarios.js';

export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
export const DURATION = Number(process.env.BENCH_DURATION ?? 10);
export const WARMUP = 2;
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** One scenario's figures, as results.md and results.json show them. */
export interface Figures {
  scenario: string;
  requestsPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Runs the scenarios of one comparison in alternation, ROUNDS times, so a burst of load from other processes
 * on a shared machine hits both sides of a ratio alike. Figures: total requests / total time, median of the
 * rounds' p50 and p99.
 */
export async function compare(group: Scenario[]): Promise<Figures[]> {
  const rounds = group.map(() => [] as autocannon.Result[]);
  const optionsOf = (s: Scenario): autocannon.Options => ({
    connections: CONNECTIONS,
    pipelining: 1,
    ...s.options,
  });
  for (const s of group) await autocannon({ ...optionsOf(s), duration: WARMUP });
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, s] of group.entries()) {
      rounds[i].push(await autocannon({ ...optionsOf(s), duration: DURATION / ROUNDS }));
    }
  }
  return group.map((s, i) => {
    const results = rounds[i];
    const figures: Figures = {
      scenario: s.name,
      requestsPerSec: Math.round(results.reduce((n, r) => n + r.requests.total, 0) / DURATION),
      p50: median(results.map((r) => r.latency.p50)),
      p99: median(results.map((r) => r.latency.p99)),
      non2xx: results.reduce((n, r) => n + r.non2xx, 0),
      errors: results.reduce((n, r) => n + r.errors + r.timeouts, 0),
    };
    console.log(
      `${s.name.padEnd(44)} ${String(figures.requestsPerSec).padStart(7)} req/s  p50 ${figures.p50} ms  p99 ${figures.p99} ms` +
        (figures.non2xx || figures.errors ? `  (non-2xx ${figures.non2xx}, errors ${figures.errors})` : ''),
    );
    return figures;
  });
}
