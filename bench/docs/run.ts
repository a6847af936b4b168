/**
 * bench/docs — how `nx run docs:build` grows with the number of services: the workspace's own service plus
 * 10 and then 50 generated ones, built the way users build (one `src/cli/build.ts` process each), then an
 * incremental rebuild after one service's doc changed. Not a test: it writes results.json and results.md.
 *
 *   npx tsx --conditions=@shipshape/source bench/docs/run.ts [--sizes 10,50] [--out bench/docs]
 *
 * Services are rendered with the templates' library API (what the generator writes), tiers and owners varied.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as templatesModule from '@shipshape/templates';

// @shipshape/templates is a CommonJS package (the Nx generators load it): its exports sit on the default.
const templates = ((templatesModule as { default?: typeof templatesModule }).default ??
  templatesModule) as typeof templatesModule;
const { buildServiceModel, renderService } = templates;

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10,50' },
    out: { type: 'string', default: join(repo, 'bench', 'docs') },
  },
});
const sizes = values.sizes!.split(',').map(Number);
const TIERS = ['t0', 't1', 't2'] as const;
const OWNERS = ['@acme/payments', '@acme/checkout', '@acme/platform', '@acme/identity', '@acme/growth'];
const RESOURCES = ['invoice', 'payment', 'refund', 'shipment', 'customer', 'ticket', 'booking', 'product'];

function writeServices(dir: string, count: number) {
  cpSync(join(repo, 'services', 'orders'), join(dir, 'orders'), {
    recursive: true,
    filter: (src) => !/\/(node_modules|\.data|dist|reports)(\/|$)/.test(src),
  });
  for (let i = 0; i < count; i++) {
    const name = `svc-${String(i).padStart(3, '0')}`;
    const model = buildServiceModel({
      name,
      org: 'acme',
      tier: TIERS[i % TIERS.length],
      owner: OWNERS[i % OWNERS.length],
      resource: RESOURCES[i % RESOURCES.length],
      directory: `services/${name}`,
    });
    for (const f of renderService(model).service) {
      const file = join(dir, name, f.path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, f.content);
    }
    const options = { name, org: 'acme', tier: model.tier, owner: OWNERS[i % OWNERS.length] };
    mkdirSync(join(dir, name, '.shipshape'), { recursive: true });
    writeFileSync(join(dir, name, '.shipshape', 'manifest.json'), JSON.stringify({ options }));
  }
}

interface Sample {
  services: number;
  pages: number;
  wallMs: number;
  timings: Record<string, number>;
}

function build(servicesDir: string, outDir: string): Sample {
  const started = Date.now();
  const text = execFileSync(
    join(repo, 'node_modules', '.bin', 'tsx'),
    [
      '--conditions=@shipshape/source',
      'src/cli/build.ts',
      '--quiet',
      '--services',
      servicesDir,
      '--out',
      outDir,
    ],
    { cwd: join(repo, 'docs'), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  const wallMs = Date.now() - started;
  const line = text.split('\n').find((l) => l.startsWith('docs: ') && l.includes('page(s)'))!;
  const [, services, pages] = /(\d+) service\(s\), (\d+) page\(s\)/.exec(line)!;
  const timings = Object.fromEntries(
    [...line.matchAll(/([a-z-]+) ([\d.]+) s/g)].map(([, k, v]) => [k, Math.round(Number(v) * 1000)]),
  );
  return { services: Number(services), pages: Number(pages), wallMs, timings };
}

const work = mkdtempSync(join(tmpdir(), 'shipshape-bench-docs-'));
const load = [loadavg()[0]];
const samples: (Sample & { kind: string })[] = [];
try {
  for (const n of sizes) {
    const services = join(work, `ws-${n}`);
    writeServices(services, n);
    const sample = { kind: `workspace + ${n}`, ...build(services, join(work, `dist-${n}`)) };
    samples.push(sample);
    console.log(
      `${sample.kind}: ${sample.services} services, ${sample.pages} pages, ${(sample.wallMs / 1000).toFixed(1)} s`,
    );
    if (n === Math.max(...sizes)) {
      appendFileSync(join(services, 'svc-000', 'docs', 'SERVICE_OVERVIEW.md'), '\n\nOne more line.\n');
      const again = {
        kind: `incremental (one doc changed, ${n})`,
        ...build(services, join(work, `dist-${n}`)),
      };
      samples.push(again);
      console.log(`${again.kind}: ${(again.wallMs / 1000).toFixed(1)} s`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
load.push(loadavg()[0]);

const [small, large] = sizes.map((n) => samples.find((s) => s.kind === `workspace + ${n}`)!);
const perService = (large.wallMs - small.wallMs) / (large.services - small.services);
const date = new Date().toISOString().slice(0, 10);
writeFileSync(
  join(values.out!, 'results.json'),
  JSON.stringify({ date, cpus: cpus().length, load, samples }, null, 2) + '\n',
);
writeFileSync(
  join(values.out!, 'results.md'),
  [
    `# bench/docs — ${date}`,
    '',
    `\`npx tsx --conditions=@shipshape/source bench/docs/run.ts --sizes ${sizes.join(',')}\` on Node ${process.version}, ${cpus().length} CPUs`,
    `(shared machine: 1-minute load average ${load[0].toFixed(1)} before, ${load[1].toFixed(1)} after — absolute times are noisy).`,
    'Each build is one `docs/src/cli/build.ts` process: readiness of every service, page generation, VitePress, link check.',
    '',
    '| build | services | pages | wall | readiness | generate | vitepress | link check |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...samples.map(
      (s) =>
        `| ${s.kind} | ${s.services} | ${s.pages} | ${(s.wallMs / 1000).toFixed(1)} s | ${((s.timings.readiness ?? 0) / 1000).toFixed(1)} s | ${((s.timings.generate ?? 0) / 1000).toFixed(1)} s | ${((s.timings.vitepress ?? 0) / 1000).toFixed(1)} s | ${((s.timings['link-check'] ?? 0) / 1000).toFixed(1)} s |`,
    ),
    '',
    `Growth: ${large.services}/${small.services} services = ${(large.services / small.services).toFixed(1)}× the services took ` +
      `**${(large.wallMs / small.wallMs).toFixed(2)}×** the time; each added service costs ≈ ${(perService / 1000).toFixed(2)} s.`,
    '',
  ].join('\n'),
);
console.log(`wrote ${join(values.out!, 'results.md')}`);
