import { stringify } from 'yaml';
import type { CatalogService } from './model.js';

/**
 * A TechDocs-compatible `mkdocs.yml` for the service folder: `techdocs-cli generate` builds its `docs/`
 * bundle with the `techdocs-core` plugin. The nav lists the bundle in the order of SERVICE_OVERVIEW first.
 */
export function mkdocsYml(s: CatalogService): string {
  const docs = [...s.artifacts.docs].sort((a, b) =>
    a.endsWith('SERVICE_OVERVIEW.md') ? -1 : b.endsWith('SERVICE_OVERVIEW.md') ? 1 : a.localeCompare(b),
  );
  return stringify(
    {
      site_name: s.service,
      ...(s.description ? { site_description: s.description } : {}),
      docs_dir: 'docs',
      nav: docs.map((d) => {
        const file = d.replace(/^docs\//, '');
        return { [file.replace(/\.md$/, '').replace(/_/g, ' ')]: file };
      }),
      plugins: ['techdocs-core'],
    },
    { lineWidth: 0 },
  );
}
