import { readFile } from 'node:fs/promises';
import { basename, join, posix } from 'node:path';
import { safeMarkdown } from '../safe-markdown.js';
import { esc } from '../util.js';
import type { SourceSet } from './evidence.js';
import type { ServicePage } from './pages.js';

const LINK = /(!?)\[([^\]]*)\]\(([^)\s]+)(\s+"[^"]*")?\)/g;

/**
 * One bundle doc or runbook as a site page (published one level deep: `docs/<ROLE>`, `runbooks/<name>`, see
 * ServicePages). Links to other docs and runbooks of the service become links to their pages (VitePress
 * checks them); links to the service's other files (specs, alerts, charts) go to their source view; links
 * out of the service folder to the repository become plain text, since the site does not publish the rest
 * of the repository.
 */
export async function docPage(
  serviceDir: string,
  doc: ServicePage,
  sources: SourceSet,
  sitePath: string,
): Promise<string> {
  const { rel } = doc;
  const text = await readFile(join(serviceDir, rel), 'utf8');
  const here = posix.dirname(rel);
  const body = safeMarkdown(text).replace(LINK, (all, bang: string, label: string, target: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) return all;
    const [path, hash] = target.split('#');
    const resolved = posix.normalize(posix.join(here, path));
    if (bang) {
      // Images (badges): published from the service folder; one not written yet shows its alt text.
      const file = resolved.startsWith('..') ? undefined : sources.report(resolved);
      return file ? `![${label}](${sitePath}${file})` : `_${label || path}_`;
    }
    if (resolved.startsWith('..')) return `${label} (\`${path}\`)`;
    const page = sources.pages?.of(resolved);
    if (page) return `[${label}](../${page.page}.md${hash ? `#${hash}` : ''})`;
    const view = sources.view(resolved);
    if (!view) return `${label} (\`${path}\`)`;
    return `<a href="${esc(`../${view}`)}${hash && !view.includes('#') ? '#' + esc(hash) : ''}" target="_self">${label}</a>`;
  });
  const source = `../source/${rel}.html`;
  sources.view(rel);
  return [
    '---',
    `title: ${JSON.stringify(doc.title)}`,
    `editLink: false`,
    '---',
    '',
    body,
    '',
    `<p class="ss-source-note">Rendered from <a href="${source}" target="_self"><code>${esc(rel)}</code></a> of <code>${esc(basename(serviceDir))}</code>.</p>`,
    '',
  ].join('\n');
}
