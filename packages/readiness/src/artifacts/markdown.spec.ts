import { describe, expect, it } from 'vitest';
import { findHeading, parseMarkdown, sectionText } from './markdown.js';

describe('parseMarkdown', () => {
  const text = [
    '---',
    'applies: false',
    'reason: no client sync',
    '---',
    '# Title',
    '',
    'See [the API](API_CONTRACT.md#2-operations) and ![badge](badges/docs.svg).',
    '',
    '```sh',
    'echo "[not a link](nowhere.md)"',
    '```',
    '',
    '## 1. Synced entities',
    '',
    '- TODO(owner): list them. TODO(owner): twice on a line',
    '<a id="custom"></a>',
    '## Glossary',
    'term',
  ].join('\n');
  const doc = parseMarkdown(text);

  it('reads the front matter', () => {
    expect(doc.frontMatter).toEqual({ applies: false, reason: 'no client sync' });
    expect(doc.frontLines).toBe(4);
  });

  it('finds links and images with their lines, never inside code blocks', () => {
    expect(doc.links).toEqual([
      { href: 'API_CONTRACT.md#2-operations', line: 7 },
      { href: 'badges/docs.svg', line: 7 },
    ]);
  });

  it('counts every owner marker, with its line', () => {
    expect(doc.markers).toEqual([15, 15]);
  });

  it('derives GitHub heading anchors and keeps explicit ids', () => {
    expect([...doc.anchors].sort()).toEqual(['1-synced-entities', 'custom', 'glossary', 'title']);
  });

  it('cuts the text of a section', () => {
    const h = findHeading(doc, /synced/i)!;
    expect(h.line).toBe(13);
    expect(sectionText(doc, h).trim().split('\n')[0]).toBe(
      '- TODO(owner): list them. TODO(owner): twice on a line',
    );
    expect(sectionText(doc, h)).not.toContain('term');
  });

  it('reports front matter that is not YAML instead of throwing', () => {
    expect(parseMarkdown('---\na: [\n---\n# x\n').frontMatterError).toMatch(/not valid YAML/);
  });
});
