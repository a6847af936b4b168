// `nx run docs:dev`: the site on VitePress's dev server, re-rendered as services change.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startDev } from '../dev.js';

const { values } = parseArgs({
  options: { root: { type: 'string' }, services: { type: 'string' }, port: { type: 'string' } },
});
await startDev({
  root: resolve(values.root ?? new URL('../../..', import.meta.url).pathname),
  ...(values.services ? { servicesDir: values.services } : {}),
  port: Number(values.port ?? 5173),
  log: (line) => console.log(`docs: ${line}`),
});
