// `nx run docs:preview`: serves the built site on 127.0.0.1 the way a cleanUrls host does.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { normaliseBase } from '../build.js';
import { serveStatic } from '../serve/static-server.js';

const { values } = parseArgs({
  options: { base: { type: 'string' }, port: { type: 'string' }, dir: { type: 'string' } },
});
const dir = resolve(values.dir ?? new URL('../../dist', import.meta.url).pathname);
const site = await serveStatic(dir, {
  base: normaliseBase(values.base ?? process.env.SHIPSHAPE_DOCS_BASE ?? '/'),
  port: Number(values.port ?? 4173),
});
console.log(`docs: serving ${dir} on ${site.url} (Ctrl-C stops)`);
