import GithubSlugger from 'github-slugger';
import MarkdownIt from 'markdown-it';
import { parse } from 'yaml';

/** The owner marker the generator leaves where only a person can write (DESIGN.md "A generated service"). */
export const OWNER_MARKER = 'TODO(owner):';

/**
 * A stub marker in any form: TODO, TBD, FIXME, XXX (any case, with or without `(owner)` or a colon). Read on the
 * raw text, so an HTML comment does not hide it.
 */
export const STUB_MARKER = /(?<![\w-])(?:TODO|TBD|FIXME|XXX)(?![\w-])/gi;

const md = new MarkdownIt({ html: true });

export interface MarkdownDoc {
  /** Front matter (YAML between `---` lines at the very top), or {} when there is none. */
  frontMatter: Record<string, unknown>;
  /** Why the front matter could not be read, when it could not. */
  frontMatterError?: string;
  body: string;
  /** How many lines the front matter takes (0 without front matter). */
  frontLines: number;
  /** 1-based line numbers of stub markers (TODO, TBD, FIXME, XXX in any form, comments included). */
  markers: number[];
  /** Headings with no content under them (comments do not count as content), with their lines. */
  emptyHeadings: Heading[];
  /** Nothing but whitespace, comments and headings. */
  empty: boolean;
  links: MarkdownLink[];
  headings: Heading[];
  /** Anchors a link can target: GitHub slugs of the headings plus explicit `id` / `name` attributes. */
  anchors: Set<string>;
}

export interface MarkdownLink {
  href: string;
  line: number;
}

export interface Heading {
  depth: number;
  text: string;
  line: number;
}

const FRONT = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

export function parseMarkdown(text: string): MarkdownDoc {
  let frontMatter: Record<string, unknown> = {};
  let frontMatterError: string | undefined;
  let body = text;
  let offset = 0;
  const front = FRONT.exec(text);
  if (front) {
    body = text.slice(front[0].length);
    offset = front[0].split('\n').length - 1;
    try {
      const value = parse(front[1]) as unknown;
      if (value && typeof value === 'object' && !Array.isArray(value))
        frontMatter = value as Record<string, unknown>;
      else if (value != null) frontMatterError = 'front matter is not a mapping';
    } catch (error) {
      frontMatterError = `front matter is not valid YAML (${(error as Error).message.split('\n')[0]})`;
    }
  }
  const markers: number[] = [];
  text.split('\n').forEach((line, i) => {
    for (const _ of line.matchAll(STUB_MARKER)) markers.push(i + 1);
  });

  const tokens = md.parse(body, {});
  const links: MarkdownLink[] = [];
  const headings: Heading[] = [];
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  let blockLine = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.map) blockLine = token.map[0] + 1 + offset;
    if (token.type === 'heading_open') {
      const inline = tokens[i + 1];
      const textContent = (inline?.children ?? [])
        .filter((c) => c.type === 'text' || c.type === 'code_inline')
        .map((c) => c.content)
        .join('');
      headings.push({ depth: Number(token.tag.slice(1)), text: textContent.trim(), line: blockLine });
      anchors.add(slugger.slug(textContent.trim()));
    }
    if (token.type === 'html_block' || token.type === 'inline') {
      for (const m of token.content.matchAll(/<a\s[^>]*(?:id|name)\s*=\s*"([^"]+)"/gi)) anchors.add(m[1]);
    }
    for (const child of token.children ?? []) {
      if (child.type === 'link_open') {
        const href = child.attrGet('href');
        if (href) links.push({ href, line: blockLine });
      } else if (child.type === 'image') {
        const src = child.attrGet('src');
        if (src) links.push({ href: src, line: blockLine });
      } else if (child.type === 'html_inline') {
        for (const m of child.content.matchAll(/<a\s[^>]*(?:id|name)\s*=\s*"([^"]+)"/gi)) anchors.add(m[1]);
      }
    }
  }
  const partial = { body, headings, frontLines: offset };
  const emptyHeadings = headings.filter((h) => !hasContent(sectionText(partial, h)));
  return {
    emptyHeadings,
    empty: !hasContent(body),
    frontMatter,
    frontLines: offset,
    ...(frontMatterError ? { frontMatterError } : {}),
    body,
    markers,
    links,
    headings,
    anchors,
  };
}

/** Text other than blank lines, HTML comments and headings. */
export function hasContent(text: string): boolean {
  return (
    text
      .replace(/<!--[\s\S]*?(-->|$)/g, '')
      .split('\n')
      .filter((l) => l.trim() !== '' && !/^#{1,6}(\s|$)/.test(l.trim())).length > 0
  );
}

/** The text of the section under `heading` (up to the next heading of the same or a higher level). */
export function sectionText(
  doc: Pick<MarkdownDoc, 'body' | 'headings' | 'frontLines'>,
  heading: Heading,
): string {
  const lines = doc.body.split('\n');
  const next = doc.headings.find((h) => h.line > heading.line && h.depth <= heading.depth);
  const start = heading.line - doc.frontLines; // the line after the heading, 0-based in body
  const end = next ? next.line - 1 - doc.frontLines : lines.length;
  return lines.slice(start, end).join('\n');
}

/** The first heading whose text matches `pattern` (optionally at a given depth and after another heading). */
export function findHeading(doc: MarkdownDoc, pattern: RegExp, within?: Heading): Heading | undefined {
  const end = within ? doc.headings.find((h) => h.line > within.line && h.depth <= within.depth) : undefined;
  return doc.headings.find(
    (h) =>
      pattern.test(h.text) &&
      (!within || (h.line > within.line && h.depth > within.depth && (!end || h.line < end.line))),
  );
}
