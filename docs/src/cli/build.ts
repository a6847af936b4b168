// `nx run docs:build`: builds the site from the workspace. Thin: flags here, the work in ../build.ts.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildSite, DeadLinksError } from '../build.js';

const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    out: { type: 'string' },
    root: { type: 'string' },
    services: { type: 'string' },
    'site-url': { type: 'string' },
    quiet: { type: 'boolean' },
    'no-cache': { type: 'boolean' },
  },
});
const started = Date.now();
try {
  const result = await buildSite({
    root: resolve(values.root ?? new URL('../../..', import.meta.url).pathname),
    base: values.base ?? process.env.SHIPSHAPE_DOCS_BASE ?? '/',
    cache: !values['no-cache'],
    ...(values.services ? { servicesDir: values.services } : {}),
    ...(values.out ? { outDir: resolve(values.out) } : {}),
    ...(values['site-url'] ? { siteUrl: values['site-url'] } : {}),
    log: values.quiet ? undefined : (line) => console.log(line),
  });
  console.log(
    `docs: ${result.services} service(s), ${result.pages} page(s), ${result.links} internal link(s) checked in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
      `(${Object.entries(result.timings)
        .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
        .join(', ')})`,
  );
  const extra = [
    ...(values.out ? ['--dir', result.outDir] : []),
    ...(result.base !== '/' ? ['--base', result.base] : []),
  ];
  console.log(
    `docs: built ${result.outDir} for base ${result.base}; preview with \`npx nx run docs:preview${extra.length ? ` -- ${extra.join(' ')}` : ''}\``,
  );
} catch (error) {
  if (error instanceof DeadLinksError) console.error(`docs: ${error.message}`);
  else console.error(`docs: ${(error as Error).message ?? error}`);
  if (process.env.SHIPSHAPE_DEBUG === '1') console.error(error);
  process.exitCode = 1;
}
