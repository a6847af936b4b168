/**
 * Makes a service's own Markdown safe to compile as a VitePress page. VitePress compiles every page as a Vue
 * template, so text a human wrote for GitHub — `<id>` placeholders, `{{ }}` — would break the build. Outside
 * code, unknown tags are escaped and moustaches are broken up; fenced `mermaid` blocks are kept for the
 * client-side renderer. A library cannot do this for us: markdown-it has no "Vue-safe" mode, and turning HTML
 * off site-wide would also turn off the site's own components.
 */
const KNOWN_TAGS = new Set([
  'a',
  'abbr',
  'b',
  'br',
  'code',
  'del',
  'details',
  'div',
  'em',
  'hr',
  'i',
  'img',
  'kbd',
  'li',
  'ol',
  'p',
  'pre',
  'span',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'ul',
]);

export function safeMarkdown(text: string): string {
  const lines = text.split('\n');
  let fence: string | null = null;
  const out: string[] = [];
  for (const line of lines) {
    const opener = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (opener && opener[1].startsWith(fence)) fence = null;
      out.push(line);
      continue;
    }
    if (opener) {
      fence = opener[1];
      out.push(line);
      continue;
    }
    out.push(escapeOutsideCode(line));
  }
  return out.join('\n');
}

function escapeOutsideCode(line: string): string {
  // Split on inline code spans; even indexes are prose.
  const parts = line.split(/(`+[^`]*`+)/);
  return parts
    .map((part, i) => {
      if (i % 2 === 1) return part.replace(/\{\{/g, '{&#8203;{');
      return part
        .replace(/<(\/?)([A-Za-z][\w-]*)([^>]*)>/g, (all, slash: string, tag: string) =>
          KNOWN_TAGS.has(tag.toLowerCase())
            ? all
            : `&lt;${slash}${tag}${all.slice(1 + slash.length + tag.length, -1)}&gt;`,
        )
        .replace(/<(?![A-Za-z/!])/g, '&lt;')
        .replace(/\{\{/g, '&#123;&#123;')
        .replace(/\}\}/g, '&#125;&#125;');
    })
    .join('');
}
