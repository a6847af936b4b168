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
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

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
  await symlink(join(workspace, 'node_modules'), join(dir, 'node_modules'));
  await symlink(join(runtimeDir, 'node_modules'), join(dir, 'packages/runtime/node_modules')).catch(
    () => undefined, // the package may have no node_modules of its own
  );
  return dir;
}

function start(name: string, benchTs: string): Promise<Side> {
  const child = fork(benchTs, ['--serve'], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    execArgv: ['--import', 'tsx'],
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

async function main(): Promise<void> {
  const dir = await extract();
  const sides: Side[] = [];
  try {
    sides.push(await start(ref, join(dir, 'packages/runtime/bench/bench.ts')));
    sides.push(await start('working tree', join(runtimeDir, 'bench/bench.ts')));
    const totals = new Map<string, { requests: number; p99: number[] }>();
    for (const group of [
      ['bare GET', 'runtime GET'],
      ['plain POST', 'idempotent POST'],
    ]) {
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
    console.log(
      `${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS} s per scenario and side`,
    );
    for (const side of sides) {
      const rate = (kind: string) =>
        Math.round((totals.get(`${side.name}/${kind}`)?.requests ?? 0) / (ROUNDS * SECONDS));
      const p99 = (kind: string) => median(totals.get(`${side.name}/${kind}`)?.p99 ?? [0]);
      console.log(
        `${side.name.padEnd(14)} bare GET ${rate('bare GET')}, runtime GET ${rate('runtime GET')} (ratio ${(
          rate('runtime GET') / rate('bare GET')
        ).toFixed(
          2,
        )}, p99 ${p99('runtime GET')} ms) | plain POST ${rate('plain POST')}, idempotent POST ${rate(
          'idempotent POST',
        )} (ratio ${(rate('idempotent POST') / rate('plain POST')).toFixed(2)}, p99 ${p99('idempotent POST')} ms)`,
      );
    }
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
