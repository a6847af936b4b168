import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cell } from '../util.js';

/** The 17-doc bundle, each template with its purpose: the first paragraph of the template itself. */
export function bundlePage(root: string): string {
  const dir = join(root, 'templates', 'docs-bundle', 'files', 'docs');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.md__tmpl__'))
    .sort();
  const rows = files.map((f) => {
    const name = f.replace(/\.md__tmpl__$/, '');
    return `| \`${name}\` | ${cell(purposeOf(readFileSync(join(dir, f), 'utf8')))} |`;
  });
  return [
    '# The 17-doc bundle',
    '',
    '<!-- Generated at build time from templates/docs-bundle. -->',
    '',
    `Every generated service carries these ${files.length} documents in \`docs/\`, pre-filled with everything the`,
    'generator knows. What only a person can write is marked `TODO(owner):`; the readiness gate',
    '`docs.bundle_complete` stays AMBER while a marker remains.',
    '',
    '| document | purpose |',
    '|---|---|',
    ...rows,
    '',
  ].join('\n');
}

/** First prose paragraph after the title, with template tags shown as placeholders. */
export function purposeOf(template: string): string {
  const text = template
    .replace(/<%[-=]\s*([\w.]+)\s*%>/g, (_, v: string) => (v === 'name' ? 'the service' : `<${v}>`))
    .replace(/<%[\s\S]*?%>/g, '')
    .replace(/^---\n[\s\S]*?\n---\n/, '');
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim());
  const first = paragraphs.find(
    (p) => p && !p.startsWith('#') && !p.startsWith('<!--') && !p.startsWith('|'),
  );
  // Links in a template point inside a service's bundle; here they would dangle, so only their text stays.
  return (first ?? '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/</g, '&lt;');
}
