/**
 * Before/after comparison in one run: the runtime as committed at a git ref against the working tree, on
 * a machine whose load changes from minute to minute (ratios from two separate runs do not compare).
 *
 *   npx tsx bench/compare.ts <git-ref>      (from packages/runtime; default ref HEAD)
 *
 * Extracts packages/runtime at <ref> with `git archive` into a temporary directory (node_modules linked to
 * the workspace's), starts bench.ts's server process from both trees (each with its own throwaway
 * PostgreSQL), then drives them with autocannon in alternating rounds: COMPARE_ROUNDS (4) rounds of
 * COMPARE_SECONDS (3) per scenario and side, 50 connections. Prints each side's req/s, the GET and
 * idempotent-POST ratios and the median p99. Writes nothing; results.md comes from bench.ts.
 *
 * Both sides serve at LOG_LEVEL=info (BENCH_LOG_LEVEL), the production level: an older tree whose bench.ts
 * fixed `LOG_LEVEL: 'warn'` is patched to read it too. Also printed: the HTTP core alone (GET /ping without a
 * database against bare Fastify's), each server process's RSS idle and at its peak, the 1-minute load average
 * at start and end, and a markdown table of it all. COMPARE_CPU_PROF=<dir> profiles the working tree's server
 * while it serves (bench/profiler.ts, written when it stops; the ref's side is not started then); COMPARE_GROUPS=get,ping,post picks scenario groups
 * (`runtime-get` or `idempotent-post` alone for a profile).
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { peakRssMb, rssMb } from './rss.js';

interface Targets {
  runtimeBase: string;
  bareBase: string;
  seeded: string;
  token: string;
}
interface Side {
  name: string;
  targets: Targets;
  child: ChildProcess;
  idleRss?: number;
}

const ROUNDS = Number(process.env.COMPARE_ROUNDS ?? 4);
const SECONDS = Number(process.env.COMPARE_SECONDS ?? 3);
const CONNECTIONS = 50;
const ref = process.argv[2] ?? 'HEAD';
const runtimeDir = fileURLToPath(new URL('..', import.meta.url));
const workspace = execFileSync('git', ['rev-parse', '--show-toplevel'], {
  cwd: runtimeDir,
  encoding: 'utf8',
}).trim();

async function extract(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'shipshape-bench-ref-'));
  const archive = execFileSync('git', ['archive', '--format=tar', ref, 'packages/runtime'], {
    cwd: workspace,
    maxBuffer: 256 * 1024 * 1024,
  });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  // Older trees fixed the bench at LOG_LEVEL=warn (in bench.ts, or server.ts after its split): make them take
  // the level both sides run at.
  for (const file of ['bench.ts', 'server.ts']) {
    const path = join(dir, 'packages/runtime/bench', file);
    const source = await readFile(path, 'utf8').catch(() => '');
    if (!source.includes("LOG_LEVEL: 'warn'")) continue;
    await writeFile(
      path,
      source.replace("LOG_LEVEL: 'warn'", "LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info'"),
    );
    console.log(`${ref}: bench/${file} patched to LOG_LEVEL=${process.env.BENCH_LOG_LEVEL ?? 'info'}`);
  }
  await symlink(join(workspace, 'node_modules'), join(dir, 'node_modules'));
  await symlink(join(runtimeDir, 'node_modules'), join(dir, 'packages/runtime/node_modules')).catch(
    () => undefined, // the package may have no node_modules of its own
  );
  return dir;
}

function start(name: string, benchTs: string, profileDir?: string): Promise<Side> {
  const child = fork(benchTs, ['--serve'], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...(profileDir ? { BENCH_CPU_PROF: profileDir } : {}) },
  });
  return new Promise((resolve, reject) => {
    child.once('message', (targets) => resolve({ name, targets: targets as Targets, child }));
    child.once('exit', (code) => reject(new Error(`${name}: bench server exited with ${code}`)));
  });
}

function scenario(t: Targets, kind: string): autocannon.Options {
  const auth = { authorization: `Bearer ${t.token}` };
  const json = { 'content-type': 'application/json' };
  const body = JSON.stringify({ name: 'bench item' });
  switch (kind) {
    case 'bare GET':
      return { url: `${t.bareBase}/items/${t.seeded}` };
    case 'runtime GET':
      return { url: `${t.runtimeBase}/api/v1/items/${t.seeded}`, headers: auth };
    case 'bare ping':
      return { url: `${t.bareBase}/ping` };
    case 'runtime ping':
      return { url: `${t.runtimeBase}/api/v1/ping`, headers: auth };
    case 'plain POST':
      return {
        url: `${t.runtimeBase}/api/v1/items-plain`,
        method: 'POST',
        headers: { ...auth, ...json },
        body,
      };
    default:
      return {
        url: `${t.runtimeBase}/api/v1/items`,
        method: 'POST',
        headers: { ...auth, ...json },
        body,
        requests: [
          {
            setupRequest: (req: autocannon.Request) => ({
              ...req,
              headers: { ...auth, ...json, 'idempotency-key': randomUUID() },
            }),
          },
        ],
      };
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const GROUPS: Record<string, string[]> = {
  get: ['bare GET', 'runtime GET'],
  ping: ['bare ping', 'runtime ping'],
  post: ['plain POST', 'idempotent POST'],
  // One scenario alone, for a CPU profile of the runtime under it.
  'runtime-get': ['runtime GET'],
  'idempotent-post': ['idempotent POST'],
};

async function main(): Promise<void> {
  const dir = await extract();
  const sides: Side[] = [];
  const load = [loadavg()[0]];
  try {
    // A profile run drives the working tree alone: the profile is of one side under one load.
    if (!process.env.COMPARE_CPU_PROF)
      sides.push(await start(ref, join(dir, 'packages/runtime/bench/bench.ts')));
    sides.push(await start('working tree', join(runtimeDir, 'bench/bench.ts'), process.env.COMPARE_CPU_PROF));
    for (const side of sides) side.idleRss = rssMb(side.child.pid);
    const groups = (process.env.COMPARE_GROUPS ?? 'get,ping,post').split(',').map((g) => GROUPS[g.trim()]);
    const totals = new Map<string, { requests: number; p99: number[] }>();
    for (const group of groups) {
      for (let round = 0; round < ROUNDS; round++) {
        for (const side of sides) {
          for (const kind of group) {
            const result = await autocannon({
              ...scenario(side.targets, kind),
              connections: CONNECTIONS,
              duration: SECONDS,
            });
            const entry = totals.get(`${side.name}/${kind}`) ?? { requests: 0, p99: [] };
            // Only 2xx answers count: a side answering 429s or 5xx fast must not look fast.
            entry.requests += result.requests.total - result.non2xx - result.errors;
            if (result.non2xx + result.errors > 0)
              console.log(
                `${side.name} ${kind}: ${result.non2xx} non-2xx, ${result.errors} errors (not counted)`,
              );
            entry.p99.push(result.latency.p99);
            totals.set(`${side.name}/${kind}`, entry);
          }
        }
      }
    }
    load.push(loadavg()[0]);
    console.log(
      `${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS} s per scenario and side; ` +
        `1-minute load average ${load[0].toFixed(1)} at the start, ${load[1].toFixed(1)} at the end`,
    );
    const rows = sides.map((side) => {
      const rate = (kind: string) =>
        Math.round((totals.get(`${side.name}/${kind}`)?.requests ?? 0) / (ROUNDS * SECONDS));
      const p99 = (kind: string) => median(totals.get(`${side.name}/${kind}`)?.p99 ?? [0]);
      const ratio = (a: string, b: string) => (rate(b) ? (rate(a) / rate(b)).toFixed(2) : '–');
      return [
        side.name,
        rate('bare GET'),
        rate('runtime GET'),
        ratio('runtime GET', 'bare GET'),
        `${p99('runtime GET')} ms`,
        rate('bare ping'),
        rate('runtime ping'),
        ratio('runtime ping', 'bare ping'),
        rate('plain POST'),
        rate('idempotent POST'),
        ratio('idempotent POST', 'plain POST'),
        `${p99('idempotent POST')} ms`,
        `${side.idleRss ?? '?'} / ${peakRssMb(side.child.pid) ?? '?'} MB`,
      ];
    });
    const header = [
      'tree',
      'bare GET',
      'runtime GET',
      'ratio',
      'p99 GET',
      'bare ping',
      'runtime ping',
      'core ratio',
      'plain POST',
      'idem. POST',
      'ratio',
      'p99 idem.',
      'RSS idle / peak',
    ];
    console.log(`| ${header.join(' | ')} |`);
    console.log(`|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`);
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  } finally {
    for (const side of sides) {
      side.child.removeAllListeners('exit');
      const exited = new Promise((resolve) => side.child.once('exit', resolve));
      side.child.send('stop');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
