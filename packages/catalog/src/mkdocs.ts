import { posix } from 'node:path';
import { stringify } from 'yaml';
import { BUNDLE_DOCS } from '@shipshape/contracts';
import type { CatalogService } from './model.js';

/**
 * A TechDocs-compatible `mkdocs.yml` for the service folder: `techdocs-cli generate` builds its docs folder
 * (where the service's descriptor puts it) with the `techdocs-core` plugin. The nav lists the bundle docs in
 * DESIGN.md's order, by role whatever their file is called, then the folder's other docs. A bundle doc kept
 * outside the docs folder cannot be part of a TechDocs site and is left out.
 */
export function mkdocsYml(s: CatalogService): string {
  const { docsDir, bundle, docs } = s.artifacts;
  const inDocs = (file: string) => file.startsWith(`${docsDir}/`);
  const entries: { title: string; file: string }[] = [];
  for (const { role, title } of BUNDLE_DOCS) {
    const file = bundle[role];
    if (file && inDocs(file)) entries.push({ title, file });
  }
  const roleFiles = new Set(Object.values(bundle));
  for (const file of [...docs].sort())
    if (inDocs(file) && !roleFiles.has(file))
      entries.push({ title: posix.basename(file, '.md').replace(/_/g, ' '), file });
  return stringify(
    {
      site_name: s.service,
      ...(s.description ? { site_description: s.description } : {}),
      docs_dir: docsDir,
      nav: entries.map((e) => ({ [e.title]: posix.relative(docsDir, e.file) })),
      plugins: ['techdocs-core'],
    },
    { lineWidth: 0 },
  );
}
