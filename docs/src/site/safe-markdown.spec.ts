import { describe, expect, it } from 'vitest';
import { safeMarkdown } from './safe-markdown.js';

describe('safeMarkdown', () => {
  it('escapes placeholders and moustaches in prose, which Vue would otherwise compile', () => {
    expect(safeMarkdown('Send `Bearer <JWT>` as <token> with {{ name }}')).toBe(
      'Send `Bearer <JWT>` as &lt;token&gt; with &#123;&#123; name &#125;&#125;',
    );
  });

  it('keeps known HTML, comments and fenced code (mermaid included) as written', () => {
    const text = [
      '<details><summary>x</summary>',
      '<!-- note -->',
      '```mermaid',
      'A-->B<C>',
      '```',
      '</details>',
    ].join('\n');
    expect(safeMarkdown(text)).toBe(text);
  });

  it('treats a lone < as text', () => {
    expect(safeMarkdown('p99 < 250 ms')).toBe('p99 &lt; 250 ms');
  });
});
