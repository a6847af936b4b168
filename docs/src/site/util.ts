import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Writes the generated pages of the site; remembers every path so the build can report what it made. */
export class SiteWriter {
  readonly written: string[] = [];
  constructor(readonly srcDir: string) {}

  async page(path: string, text: string): Promise<void> {
    const file = join(this.srcDir, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
    this.written.push(path);
  }
}

/** Markdown table cell: pipes escaped, line breaks flattened. */
export const cell = (text: string | number | undefined | null): string =>
  String(text ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ');

/** Text for an HTML context. */
export const esc = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\{\{/g, '&#123;&#123;');

/** Inline code in a Markdown table cell; VitePress compiles pages as Vue templates, so `{{` is broken up. */
export const code = (text: string): string => '`' + cell(text).replace(/`/g, "'") + '`';

/** An anchor id that stays stable for ids such as `docs.bundle_complete` (dots kept, lower case). */
export const anchorOf = (id: string): string => id.toLowerCase().replace(/[^a-z0-9._-]+/g, '-');

export const STATUS_CLASS = { GREEN: 'green', AMBER: 'amber', RED: 'red' } as const;

export const statusPill = (status: 'GREEN' | 'AMBER' | 'RED'): string =>
  `<span class="ss-pill ss-${STATUS_CLASS[status]}">${status}</span>`;

export const levelBadge = (level: string | null, label = 'level'): string =>
  `<span class="ss-level ss-level-${(level ?? 'none').toLowerCase()}" title="${label} ${level ?? 'none'}">${label ? `${esc(label)} ` : ''}${level ?? 'none'}</span>`;

/** A horizontal stacked bar (pure HTML, so it renders without JavaScript and in search previews). */
export function stackedBar(parts: { label: string; value: number; cls: string }[], title: string): string {
  const total = parts.reduce((n, p) => n + p.value, 0) || 1;
  const spans = parts
    .filter((p) => p.value > 0)
    .map(
      (p) =>
        `<span class="ss-seg ss-${p.cls}" style="width:${((p.value / total) * 100).toFixed(2)}%" title="${esc(p.label)}: ${p.value}">${p.value}</span>`,
    )
    .join('');
  return `<div class="ss-bar" role="img" aria-label="${esc(title)}">${spans}</div>`;
}
