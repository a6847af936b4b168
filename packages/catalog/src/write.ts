import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { catalogInfo, type PortalOptions } from './backstage.js';
import type { Catalog } from './model.js';
import { mkdocsYml } from './mkdocs.js';

export interface WriteOptions extends PortalOptions {
  /** Where catalog.json goes. */
  outDir: string;
  /**
   * `service`: catalog-info.yaml and mkdocs.yml beside each service's docs/ (what Backstage discovers in a
   * repository); `out`: under <outDir>/<service>/ (what the docs site publishes).
   */
  portalFiles: 'service' | 'out';
}

/** Writes catalog.json and, per service, catalog-info.yaml and mkdocs.yml. Returns the files written. */
export async function writeCatalog(root: string, catalog: Catalog, options: WriteOptions): Promise<string[]> {
  await mkdir(options.outDir, { recursive: true });
  const written: string[] = [];
  const put = async (file: string, text: string) => {
    await writeFile(file, text);
    written.push(file);
  };
  await put(join(options.outDir, 'catalog.json'), JSON.stringify(catalog, null, 2) + '\n');
  for (const s of catalog.services) {
    const dir = options.portalFiles === 'service' ? join(root, s.dir) : join(options.outDir, s.service);
    await mkdir(dir, { recursive: true });
    await put(join(dir, 'catalog-info.yaml'), catalogInfo(s, options));
    await put(join(dir, 'mkdocs.yml'), mkdocsYml(s));
  }
  return written;
}
