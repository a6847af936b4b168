import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { catalogInfo, mkdocsYml, type Catalog, type CatalogService } from '@shipshape/catalog';
import { loadCatalog } from '@shipshape/readiness';
import { blockersPage, catalogIndex, matrixData, matrixPage } from './catalog/pages.js';
import { bundlePage } from './kit/bundle.js';
import { conformancePage } from './kit/conformance.js';
import { gatesPage } from './kit/gates.js';
import { generatorsPage } from './kit/generators.js';
import { diffRulesPage, lintRulesPage } from './kit/rules.js';
import { renderService } from './service/render.js';
import { safeMarkdown } from './safe-markdown.js';
import { SiteWriter } from './util.js';

export interface SiteOptions {
  /** Workspace root. */
  root: string;
  /** The docs package folder (holds pages/ and cli.md). */
  docsDir: string;
  /** Where the VitePress sources are generated. */
  srcDir: string;
  catalog: Catalog;
  siteUrl?: string;
}

export interface SiteNav {
  reference: { text: string; link: string }[];
  services: { text: string; link: string }[];
  diffRules: boolean;
}

/** Writes every page of the site into srcDir: hand-written guides, generated references, the catalog. */
export async function generateSite(options: SiteOptions): Promise<{ nav: SiteNav; pages: number }> {
  const { root, docsDir, srcDir, catalog } = options;
  await rm(srcDir, { recursive: true, force: true });
  const site = new SiteWriter(srcDir);
  await cp(join(docsDir, 'pages'), srcDir, { recursive: true });
  const gates = loadCatalog();

  const reference = [
    { text: 'Command line', link: '/reference/cli', page: await readFile(join(docsDir, 'cli.md'), 'utf8') },
    { text: 'Generators', link: '/reference/generators', page: generatorsPage(root) },
    { text: 'Conformance checks', link: '/reference/conformance', page: conformancePage() },
    { text: 'Readiness gates', link: '/reference/gates', page: gatesPage(gates) },
    { text: 'Lint rules', link: '/reference/lint-rules', page: lintRulesPage() },
    { text: 'The 17-doc bundle', link: '/reference/bundle', page: bundlePage(root) },
  ];
  const diff = await diffRulesPage();
  if (diff) reference.push({ text: 'Diff rules', link: '/reference/diff-rules', page: diff });
  // Reference text comes from data files people write (gates.yaml, schema descriptions): made Vue-safe.
  for (const r of reference) await site.page(`${r.link.slice(1)}.md`, safeMarkdown(r.page));

  await writeCatalogPages(site, catalog);
  for (const s of catalog.services) await writeServicePages(site, root, s, options.siteUrl);
  await vendor(root, srcDir);
  return {
    nav: {
      reference: reference.map(({ text, link }) => ({ text, link })),
      services: catalog.services.map((s) => ({ text: s.service, link: `/services/${s.service}/` })),
      diffRules: Boolean(diff),
    },
    pages: site.written.filter((p) => p.endsWith('.md')).length,
  };
}

const REDOC_LOGO = 'https://cdn.redoc.ly/redoc/logo-mini.svg';
const EMPTY_SVG = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E";

/** The pages made from the whole catalog: the services table, the matrix, the L4 blockers, catalog.json. */
export async function writeCatalogPages(site: SiteWriter, catalog: Catalog): Promise<void> {
  await site.page('catalog/index.md', catalogIndex(catalog));
  await site.page('catalog/matrix.md', matrixPage());
  await site.page('catalog/matrix.data.json', JSON.stringify(matrixData(catalog, loadCatalog())));
  await site.page('catalog/blockers.md', blockersPage(catalog));
  await site.page('public/catalog.json', JSON.stringify(catalog, null, 2) + '\n');
}

/** Every page of one service, and its portal files. */
export async function writeServicePages(
  site: SiteWriter,
  root: string,
  s: CatalogService,
  siteUrl?: string,
): Promise<void> {
  await renderService(root, s, loadCatalog(), site);
  await site.page(`public/portal/${s.service}/catalog-info.yaml`, catalogInfo(s, siteUrl ? { siteUrl } : {}));
  await site.page(`public/portal/${s.service}/mkdocs.yml`, mkdocsYml(s));
}

/** Redoc's standalone bundle and Mermaid's, served from the site itself: nothing loads from a CDN. */
async function vendor(root: string, srcDir: string) {
  const files = [
    ['redoc/bundles/redoc.standalone.js', 'redoc.standalone.js'],
    ['mermaid/dist/mermaid.min.js', 'mermaid.min.js'],
  ];
  for (const [from, to] of files) {
    const candidates = [join(root, 'docs', 'node_modules', from), join(root, 'node_modules', from)];
    const file = candidates.find((c) => existsSync(c));
    if (!file) throw new Error(`vendored asset ${from} not installed (npm ci)`);
    const target = join(srcDir, 'public', 'vendor', to);
    await mkdir(join(srcDir, 'public', 'vendor'), { recursive: true });
    // Redoc's sidebar footer loads its logo from cdn.redoc.ly; the site must not reach out when viewed.
    const text = (await readFile(file, 'utf8')).replaceAll(REDOC_LOGO, EMPTY_SVG);
    await writeFile(target, text);
  }
}
