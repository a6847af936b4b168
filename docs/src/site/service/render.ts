import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { CatalogService } from '@shipshape/catalog';
import type { Catalog as GateCatalog } from '@shipshape/readiness';
import type { SiteWriter } from '../util.js';
import { apiPage, eventsPage, readOpenApi } from './api.js';
import { docPage } from './docs.js';
import { SourceSet } from './evidence.js';
import { gatesPage, servicePage } from './overview.js';
import { slosPage } from './slos.js';
import { dirView, sourceView } from './source-view.js';
import { readFile } from 'node:fs/promises';

/** Every page and static file of one service under services/<name>/. */
export async function renderService(root: string, s: CatalogService, catalog: GateCatalog, site: SiteWriter) {
  const dir = join(root, s.dir);
  const base = `services/${s.service}`;
  const sources = new SourceSet(dir);
  const docs = s.artifacts.docs.map((d) => basename(d, '.md'));
  const runbooks = s.artifacts.runbooks.map((r) => basename(r, '.md'));

  for (const rel of [...s.artifacts.docs, ...s.artifacts.runbooks]) {
    await site.page(`${base}/${rel}`, await docPage(dir, rel, sources, `/${base}/`));
  }
  await site.page(`${base}/gates.md`, gatesPage(s, catalog, sources));
  const specs = [];
  for (const rel of s.artifacts.openapi) {
    const doc = await readOpenApi(dir, rel);
    const json = `${basename(rel).replace(/\.[^.]+$/, '')}.openapi.json`;
    await site.page(`public/${base}/${json}`, JSON.stringify(doc));
    sources.view(rel);
    specs.push({ rel, json, doc });
  }
  await site.page(`${base}/api.md`, apiPage(s.service, specs));
  const events = s.artifacts.asyncapi.length > 0;
  if (events) {
    s.artifacts.asyncapi.forEach((rel) => sources.view(rel));
    await site.page(`${base}/events.md`, await eventsPage(dir, s.service, s.artifacts.asyncapi));
  }
  for (const rel of ['ops/slos.yaml', 'ops/alerts.yaml']) if (existsSync(join(dir, rel))) sources.view(rel);
  await site.page(`${base}/slos.md`, await slosPage(dir, s.service, new Set(runbooks)));
  if (s.conformance) sources.report(s.conformance.ref);
  if (s.lint) sources.report(s.lint.ref);
  if (s.diff) sources.report(s.diff.ref);
  await site.page(`${base}/index.md`, servicePage(s, catalog, { docs, runbooks, events }));

  for (const rel of sources.files) {
    await site.page(`public/${base}/source/${rel}.html`, await sourceView(dir, s.service, rel));
  }
  for (const rel of sources.dirs) {
    await site.page(`public/${base}/source/${rel}/index.html`, dirView(dir, s.service, rel, sources.files));
  }
  for (const rel of sources.reports) {
    await site.page(`public/${base}/files/${rel}`, await readFile(join(dir, rel), 'utf8'));
  }
}
