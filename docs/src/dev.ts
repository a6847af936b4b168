import { existsSync, watch } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { collectCatalog, SERVICE_DIRS, type CollectOptions } from '@shipshape/catalog';
import { DOCS_DIR } from './build.js';
import { generateSite, writeCatalogPages, writeServicePages } from './site/generate.js';
import { SiteWriter } from './site/util.js';

export interface DevOptions {
  root: string;
  servicesDir?: string;
  port?: number;
  log: (line: string) => void;
}

const IGNORED = /(^|[/\\])(node_modules|\.data|dist|\.nx)([/\\]|$)/;

/**
 * The site on VitePress's dev server, kept current while services change: a change under services/<name>/ (or
 * examples/<name>/)
 * re-judges that service (the others come from the readiness cache) and re-renders its pages and the catalog
 * pages; VitePress then hot-reloads what changed. A full `docs:build` is for publishing.
 */
export async function startDev(options: DevOptions) {
  const srcDir = join(DOCS_DIR, '.gen');
  const collect: CollectOptions = {
    cacheDir: join(DOCS_DIR, '.vitepress', 'cache', 'readiness'),
    ...(options.servicesDir ? { servicesDirs: options.servicesDir } : {}),
  };
  const catalog = await collectCatalog(options.root, collect);
  const { nav, pages } = await generateSite({ root: options.root, docsDir: DOCS_DIR, srcDir, catalog });
  await writeFile(join(srcDir, '.site.json'), JSON.stringify(nav));
  options.log(`generated ${pages} page(s) for ${catalog.services.length} service(s)`);

  delete process.env.SHIPSHAPE_DOCS_SRC;
  const { createServer } = await import('vitepress');
  const server = await createServer(DOCS_DIR, { host: '127.0.0.1', port: options.port ?? 5173 });
  await server.listen();
  server.printUrls();

  const servicesRoots = (options.servicesDir ? [options.servicesDir] : SERVICE_DIRS)
    .map((d) => resolve(options.root, d))
    .filter((d) => existsSync(d));
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const flush = async () => {
    const dirs = [...changed];
    changed.clear();
    const started = Date.now();
    const fresh = await collectCatalog(options.root, collect);
    const site = new SiteWriter(srcDir);
    for (const s of fresh.services.filter((x) => dirs.includes(resolve(options.root, x.dir)))) {
      await writeServicePages(site, options.root, s);
    }
    await writeCatalogPages(site, fresh);
    options.log(
      `re-rendered ${dirs.map((d) => relative(options.root, d)).join(', ')} in ${Date.now() - started} ms`,
    );
  };
  const watchers = servicesRoots.map((servicesRoot) =>
    watch(servicesRoot, { recursive: true }, (_event, file) => {
      if (!file || IGNORED.test(file) || /(^|[/\\])reports[/\\]/.test(file)) return;
      changed.add(join(servicesRoot, file.split(sep)[0]));
      clearTimeout(timer);
      timer = setTimeout(() => {
        running = running.then(flush).catch((e: Error) => options.log(`could not re-render: ${e.message}`));
      }, 300);
    }),
  );
  return {
    close: async () => {
      for (const watcher of watchers) watcher.close();
      await server.close();
    },
  };
}
