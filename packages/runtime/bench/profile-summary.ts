/**
 * Summarises a V8 CPU profile (`node --cpu-prof`, e.g. from `COMPARE_CPU_PROF=<dir> npx tsx bench/compare.ts`):
 * self time by function and by area (a package under node_modules, a folder of the runtime's src/, Node's
 * internals, garbage collection, idle), in percent of the sampled time.
 *
 *   npx tsx bench/profile-summary.ts <file.cpuprofile> [top=25]
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a function lives: `(idle)`, `(gc)`, a package, `runtime/<folder>`, `node:<module>` or `(program)`. */
export function areaOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : `(native) ${functionName}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const own = /packages\/runtime\/(?:src\/([^/]+)|bench)/.exec(url);
  if (own) return own[1] ? `runtime/${own[1]}` : 'bench';
  if (url.startsWith('node:')) return url.replace(/^node:(internal\/)?/, 'node:').split('/')[0];
  return url;
}

export function summarise(profile: Profile, top = 25): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfByFunction = new Map<string, number>();
  const selfByArea = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    total += dt;
    const area = areaOf(frame);
    const file = frame.url.split('/').slice(-1)[0];
    const fn =
      `${frame.functionName || '(anonymous)'} ${file ? `${file}:${frame.lineNumber + 1}` : ''}`.trim();
    selfByFunction.set(`${area} | ${fn}`, (selfByFunction.get(`${area} | ${fn}`) ?? 0) + dt);
    selfByArea.set(area, (selfByArea.get(area) ?? 0) + dt);
  });
  const pct = (v: number) => ((100 * v) / total).toFixed(1);
  const rows = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `| ${pct(v)} | ${k} |`);
  return [
    `sampled ${(total / 1e6).toFixed(1)} s`,
    '',
    '| self % | area |',
    '| ---: | --- |',
    ...rows(selfByArea, top),
    '',
    '| self % | area | function |',
    '| ---: | --- | --- |',
    ...rows(selfByFunction, top),
  ].join('\n');
}

if (process.argv[2]) {
  const profile = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Profile;
  console.log(summarise(profile, Number(process.argv[3] ?? 25)));
}
