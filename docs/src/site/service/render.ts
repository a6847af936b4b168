import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { CatalogService } from '@shipshape/catalog';
import { resolveLayout } from '@shipshape/contracts';
import type { Catalog as GateCatalog } from '@shipshape/readiness';
import type { SiteWriter } from '../util.js';
import { apiPage, eventsPage, readOpenApi } from './api.js';
import { docPage } from './docs.js';
import { SourceSet } from './evidence.js';
import { gatesPage, servicePage } from './overview.js';
import { ServicePages } from './pages.js';
import { slosPage } from './slos.js';
import { dirView, sourceView } from './source-view.js';

/**
 * Every page and static file of one service under services/<name>/. Where each artifact is comes from the
 * catalog entry, which the catalog read from the service's descriptor (`resolveLayout`); the layout itself
 * names what the pages say about missing artifacts and report folders.
 */
export async function renderService(root: string, s: CatalogService, catalog: GateCatalog, site: SiteWriter) {
  const dir = join(root, s.dir);
  const layout = resolveLayout(dir);
  const base = `services/${s.service}`;
  const pages = new ServicePages(s);
  const sources = new SourceSet(dir, pages);

  for (const p of [...pages.docs, ...pages.runbooks]) {
    await site.page(`${base}/${p.page}.md`, await docPage(dir, p, sources, `/${base}/`));
  }
  await site.page(`${base}/gates.md`, gatesPage(s, catalog, sources));
  const specs: Parameters<typeof apiPage>[1] = [];
  for (const rel of s.artifacts.openapi) {
    const doc = await readOpenApi(dir, rel);
    // One JSON copy per document for Redoc; two documents of one name in different folders stay apart.
    let json = `${basename(rel).replace(/\.[^.]+$/, '')}.openapi.json`;
    if (specs.some((x) => x.json === json))
      json = `${rel.replace(/\.[^.]+$/, '').replace(/[^\w.-]+/g, '-')}.openapi.json`;
    await site.page(`public/${base}/${json}`, JSON.stringify(doc));
    sources.view(rel);
    specs.push({ rel, json, doc });
  }
  await site.page(`${base}/api.md`, apiPage(s.service, specs, layout.openapi.from));
  const events = s.artifacts.asyncapi.length > 0;
  if (events) {
    s.artifacts.asyncapi.forEach((rel) => sources.view(rel));
    await site.page(`${base}/events.md`, await eventsPage(dir, s.service, s.artifacts.asyncapi));
  }
  for (const rel of [...s.artifacts.slos, ...s.artifacts.alerts]) sources.view(rel);
  if (s.artifacts.descriptor) sources.view(s.artifacts.descriptor);
  await site.page(
    `${base}/slos.md`,
    await slosPage(dir, s.service, {
      slos: s.artifacts.slos,
      alerts: s.artifacts.alerts,
      expected: { slos: layout.slos, alerts: layout.alerts },
      pages,
      ...(s.artifacts.runbookUrlPattern ? { urlPattern: s.artifacts.runbookUrlPattern } : {}),
    }),
  );
  if (s.conformance) sources.report(s.conformance.ref);
  if (s.lint) sources.report(s.lint.ref);
  if (s.diff) sources.report(s.diff.ref);
  await site.page(`${base}/index.md`, servicePage(s, catalog, { pages, events, layout }));

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
