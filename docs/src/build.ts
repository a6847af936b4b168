import { createHash } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { collectCatalog } from '@shipshape/catalog';
import { generateSite } from './site/generate.js';
import { checkLinks, type DeadLink } from './site/link-check.js';

export interface BuildOptions {
  /** Workspace root (holds services/ and examples/). */
  root: string;
  /** Base path the site is hosted under, with leading and trailing slash. */
  base?: string;
  /** Output folder; default docs/dist. */
  outDir?: string;
  siteUrl?: string;
  /** Folder holding the services, relative to the root (default: `services` and `examples`). */
  servicesDir?: string;
  /** Keep readiness results between builds (docs/.vitepress/cache/readiness); default true. */
  cache?: boolean;
  log?: (line: string) => void;
}

export interface BuildResult {
  outDir: string;
  base: string;
  services: number;
  pages: number;
  links: number;
  diffRules: boolean;
  timings: Record<string, number>;
}

/** A built site with a link that does not resolve: the build fails and names each one. */
export class DeadLinksError extends Error {
  constructor(readonly dead: DeadLink[]) {
    super(
      `${dead.length} internal link(s) do not resolve:\n` +
        dead
          .slice(0, 50)
          .map((d) => `  ${d.page}: ${d.href} (${d.problem})`)
          .join('\n'),
    );
  }
}

export const DOCS_DIR = resolve(new URL('..', import.meta.url).pathname);

/** Builds the docs site: catalog → generated pages → VitePress → link check. */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const log = options.log ?? (() => undefined);
  const base = normaliseBase(options.base ?? '/');
  const outDir = resolve(options.outDir ?? join(DOCS_DIR, 'dist'));
  // Each output gets its own generated sources and VitePress temp folder (inside docs/, where vue resolves).
  const custom = outDir !== join(DOCS_DIR, 'dist');
  const srcName = custom ? `.gen-${createHash('sha256').update(outDir).digest('hex').slice(0, 10)}` : '.gen';
  const srcDir = join(DOCS_DIR, srcName);
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const start = Date.now();
    try {
      return await fn();
    } finally {
      timings[name] = Date.now() - start;
    }
  };

  const catalog = await timed('readiness', () =>
    collectCatalog(options.root, {
      ...(options.servicesDir ? { servicesDirs: options.servicesDir } : {}),
      ...(options.cache === false ? {} : { cacheDir: join(DOCS_DIR, '.vitepress', 'cache', 'readiness') }),
      onService: (dir, ms, cached) =>
        log(`${cached ? 'reused the readiness of' : 'judged'} ${dir} in ${ms} ms`),
    }),
  );
  const { nav, pages } = await timed('generate', () =>
    generateSite({
      root: options.root,
      docsDir: DOCS_DIR,
      srcDir,
      catalog,
      ...(options.siteUrl ? { siteUrl: options.siteUrl } : {}),
    }),
  );
  await writeFile(join(srcDir, '.site.json'), JSON.stringify(nav));
  log(
    `generated ${pages} page(s) for ${catalog.services.length} service(s)${nav.diffRules ? '' : ' (no DIFF_RULES export in @shipshape/spec-diff: diff rule page left out)'}`,
  );
  await timed('vitepress', async () => {
    const { build } = await import('vitepress');
    process.env.SHIPSHAPE_DOCS_SRC = srcName;
    await build(DOCS_DIR, {
      base,
      outDir,
      onAfterConfigResolve: (config) => {
        if (custom) config.tempDir = join(DOCS_DIR, '.vitepress', `.temp${srcName.slice(4)}`);
      },
    });
    if (custom) {
      await rm(srcDir, { recursive: true, force: true });
      await rm(join(DOCS_DIR, '.vitepress', `.temp${srcName.slice(4)}`), { recursive: true, force: true });
    }
  });
  const links = await timed('link-check', () => checkLinks(outDir, base));
  if (links.dead.length) throw new DeadLinksError(links.dead);
  return {
    outDir,
    base,
    services: catalog.services.length,
    pages,
    links: links.links,
    diffRules: nav.diffRules,
    timings,
  };
}

export function normaliseBase(base: string): string {
  const trimmed = base.trim().replace(/^\/*/, '/').replace(/\/*$/, '/');
  if (!/^\/([\w.~-]+\/)*$/.test(trimmed)) throw new Error(`base path "${base}" must look like /docs/ or /`);
  return trimmed;
}
