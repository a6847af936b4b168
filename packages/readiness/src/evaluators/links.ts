/** docs.cross_links_valid: the relative links of the service's Markdown, where shipshape.yaml puts it. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { isFile, listFiles, readText, relPath } from '../artifacts/files.js';
import { parseMarkdown, type MarkdownDoc } from '../artifacts/markdown.js';
import type { Evidence } from '../types.js';
import { few, green, plural, red, type Evaluator } from './support.js';

interface BrokenLink {
  where: string;
  href: string;
  why: string;
}

export const EXTERNAL = /^([a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * docs.cross_links_valid (L1): every relative link (file and heading anchor) resolves in the Markdown of the docs
 * folder, the runbooks folder, the summary doc and any bundle doc shipshape.yaml places elsewhere.
 */
export const crossLinksValid: Evaluator = async (ctx) => {
  const { docs, runbooks } = ctx.layout;
  const places = `${docs.dir}/, ${runbooks.dir}/, ${docs.summary}`;
  const files = [
    ...new Set([
      ...(await listFiles(ctx.layout.abs(docs.dir), (n) => n.endsWith('.md'))),
      ...(await listFiles(ctx.layout.abs(runbooks.dir), (n) => n.endsWith('.md'))),
      ...[docs.summary, ...Object.values(docs.bundle)].map((f) => ctx.layout.abs(f)).filter((f) => isFile(f)),
    ]),
  ];
  if (files.length === 0) return red(`no Markdown in ${places} (docs and runbooks in shipshape.yaml)`);
  const parsed = new Map<string, MarkdownDoc | undefined>();
  const load = async (file: string) => {
    if (!parsed.has(file)) {
      const text = await readText(file);
      parsed.set(file, text === undefined ? undefined : parseMarkdown(text));
    }
    return parsed.get(file);
  };
  const broken: BrokenLink[] = [];
  let checked = 0;
  for (const file of files) {
    const doc = (await load(file))!;
    for (const link of doc.links) {
      if (EXTERNAL.test(link.href)) continue;
      const where = `${relPath(ctx.dir, file)}:${link.line}`;
      const [rawPath, anchor] = splitHref(link.href);
      const target = rawPath === '' ? file : resolve(dirname(file), rawPath);
      // Badges are outputs of `shipshape readiness --write`, not authored links: before the first write
      // they do not exist yet, and that says nothing about the bundle.
      if (!existsSync(target) && isBadge(ctx.layout.abs(docs.dir), target)) continue;
      checked++;
      if (!existsSync(target)) {
        broken.push({ where, href: link.href, why: 'no such file' });
        continue;
      }
      if (anchor && target.endsWith('.md')) {
        const targetDoc = await load(target);
        if (targetDoc && !targetDoc.anchors.has(anchor.toLowerCase()) && !targetDoc.anchors.has(anchor)) {
          broken.push({ where, href: link.href, why: 'no such heading' });
        }
      }
    }
  }
  const evidence: Evidence[] = broken.map((b) => ({
    kind: 'file',
    ref: b.where,
    detail: `${b.href}: ${b.why}`,
  }));
  if (broken.length > 0) {
    return red(
      `${plural(broken.length, 'broken link')}: ${few(
        broken.map((b) => `${b.where} → ${b.href} (${b.why})`),
        2,
      )}`,
      evidence,
    );
  }
  return green(`${plural(checked, 'relative link')} in ${plural(files.length, 'file')} resolve`, [
    { kind: 'file', ref: places, detail: `${checked} links checked` },
  ]);
};

function isBadge(docsDir: string, target: string): boolean {
  return target.startsWith(join(docsDir, 'badges') + sep) && target.endsWith('.svg');
}

export function safeDecodeUri(text: string): string {
  try {
    return decodeURI(text);
  } catch {
    return text;
  }
}

export function splitHref(href: string): [string, string | undefined] {
  const hash = href.indexOf('#');
  const path = hash === -1 ? href : href.slice(0, hash);
  const anchor = hash === -1 ? undefined : href.slice(hash + 1);
  let decoded = path.split('?')[0];
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // keep it as written
  }
  return [decoded, anchor ? safeDecode(anchor) : undefined];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
