/**
 * bench/readiness — does `shipshape readiness --all` grow linearly with the number of services?
 *
 *   npx tsx --conditions=@shipshape/source bench/readiness/run.ts [--sizes 10,50,100] [--out bench/readiness]
 *
 * For each size N, a temp workspace with N services rendered from the templates (distinct names, the tier cycling
 * t0/t1/t2) is scored in one process by evaluateAll (the code behind `--all`), after one warm-up service (the shared
 * embedded PostgreSQL, Spectral and the AsyncAPI parser start once, outside every measurement). Reported as wall time, time per service
 * and the ratio of each per-service time to the smallest size's, measured in the same run: a ratio near 1 is linear.
 * Nothing asserts on speed (the machine is shared): results.json keeps every sample, results.md the table.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import templates from '@shipshape/templates';
import { evaluateAll } from '../../packages/readiness/src/all.js';
import { applyAndRead, closeDatabase } from '../../packages/readiness/src/artifacts/pgcatalog.js';

// CommonJS package: its named exports come through the default import.
const { buildServiceModel, renderService } = templates;
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10,50,100' },
    out: { type: 'string', default: join(repo, 'bench', 'readiness') },
  },
});
const sizes = values.sizes.split(',').map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
  console.error('bench/readiness: --sizes must be positive integers, e.g. 10,50,100');
  process.exit(2);
}

const TIERS = ['t0', 't1', 't2'];

function workspace(n: number): string {
  const root = mkdtempSync(join(tmpdir(), `shipshape-bench-readiness-${n}-`));
  writeFileSync(join(root, 'nx.json'), '{}');
  for (let i = 0; i < n; i++) {
    const name = `svc${String(i).padStart(3, '0')}`;
    const tier = TIERS[i % TIERS.length];
    const owner = `@acme/${name}-team`;
    const directory = `services/${name}`;
    const model = buildServiceModel({ name, org: 'acme', tier, owner, resource: 'item', directory });
    const { service } = renderService(model);
    for (const file of service) {
      const path = join(root, directory, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
    }
    mkdirSync(join(root, directory, '.shipshape'), { recursive: true });
    writeFileSync(
      join(root, directory, '.shipshape', 'manifest.json'),
      JSON.stringify({ service: name, options: { name, org: 'acme', tier, owner } }),
    );
  }
  return root;
}

const samples: { services: number; wallMs: number; perServiceMs: number }[] = [];
// Warm-up outside every measurement: the shared PGlite starts, Spectral and the AsyncAPI parser load.
await applyAndRead([]);
const warm = workspace(1);
await evaluateAll(warm);
rmSync(warm, { recursive: true, force: true });
for (const n of sizes) {
  const root = workspace(n);
  const started = performance.now();
  const all = await evaluateAll(root);
  const wallMs = performance.now() - started;
  if (all.results.length !== n) throw new Error(`expected ${n} services, scored ${all.results.length}`);
  samples.push({ services: n, wallMs: Math.round(wallMs), perServiceMs: Math.round(wallMs / n) });
  console.log(`${n} services: ${Math.round(wallMs)} ms, ${Math.round(wallMs / n)} ms per service`);
  rmSync(root, { recursive: true, force: true });
}
await closeDatabase();

const base = samples[0].perServiceMs;
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo }).toString().trim();
const header = `\`npx tsx --conditions=@shipshape/source bench/readiness/run.ts --sizes ${values.sizes}\` on ${new Date().toISOString().slice(0, 10)} (commit ${commit}),
Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(2)} at the end (the machine is shared:
compare runs only at similar load). Services rendered from the templates; one process; one shared PGlite.`;
const rows = samples.map(
  (s) => `| ${s.services} | ${s.wallMs} ms | ${s.perServiceMs} ms | ${(s.perServiceMs / base).toFixed(2)} |`,
);
writeFileSync(join(values.out, 'results.json'), `${JSON.stringify({ commit, samples }, null, 2)}\n`);
writeFileSync(
  join(values.out, 'results.md'),
  `# bench/readiness\n\n${header}\n\n| services | wall time | per service | per-service ratio to ${samples[0].services} |\n|---|---|---|---|\n${rows.join('\n')}\n`,
);
console.log(`wrote ${join(values.out, 'results.md')}`);
