import { existsSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';

export interface DeadLink {
  page: string;
  href: string;
  problem: string;
}

/**
 * Checks every internal link and anchor of a built site: each `href` that stays on the site must resolve to a
 * file (as `path`, `path.html` or `path/index.html`, the way a cleanUrls host serves it) and its `#fragment`
 * to an `id` on that page. VitePress's own check covers Markdown page links only; this one also covers the
 * raw HTML links (gate evidence, source views, reports) and the anchors.
 */
export async function checkLinks(
  outDir: string,
  base: string,
): Promise<{ pages: number; links: number; dead: DeadLink[] }> {
  const files = (await walk(outDir)).filter((f) => f.endsWith('.html'));
  const ids = new Map<string, Set<string>>();
  const hrefs = new Map<string, string[]>();
  for (const file of files) {
    const html = await readFile(file, 'utf8');
    ids.set(file, new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => decode(m[1]))));
    hrefs.set(
      file,
      [...html.matchAll(/<a\s[^>]*?href="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&')),
    );
  }
  const dead: DeadLink[] = [];
  let links = 0;
  for (const file of files) {
    const pageUrl = base + relative(outDir, file).split(sep).join('/');
    for (const href of hrefs.get(file)!) {
      if (!href || /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) continue;
      links++;
      const url = new URL(href, `http://site${pageUrl}`);
      const path = decodeURIComponent(url.pathname);
      const report = (problem: string) => dead.push({ page: relative(outDir, file), href, problem });
      if (!path.startsWith(base)) {
        report(`outside the base path ${base}`);
        continue;
      }
      const target = resolveFile(outDir, path.slice(base.length));
      if (!target) {
        report('no such page or file');
        continue;
      }
      const hash = decode(url.hash.slice(1));
      if (hash && target.endsWith('.html') && !ids.get(target)?.has(hash))
        report(`no element with id "${hash}"`);
    }
  }
  return { pages: files.length, links, dead };
}

function resolveFile(outDir: string, rel: string): string | undefined {
  const candidates =
    rel === '' || rel.endsWith('/')
      ? [posix.join(rel, 'index.html')]
      : [rel, `${rel}.html`, posix.join(rel, 'index.html')];
  for (const c of candidates) {
    const file = join(outDir, c);
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return undefined;
}

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return out;
}
