import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { esc } from '../util.js';

const MAX_BYTES = 512 * 1024;

/**
 * A static source view: the file with numbered lines, each an anchor (`#L16`) that evidence links point at.
 * Written as plain HTML beside the VitePress pages (not as pages), so a service's many artifacts cost the
 * site build nothing; every link in it is relative, so it works under any base path.
 */
export async function sourceView(serviceDir: string, service: string, rel: string): Promise<string> {
  const depth = rel.split('/').length; // source/<rel>.html → back to the service root
  const up = '../'.repeat(depth);
  const file = join(serviceDir, rel);
  const size = statSync(file).size;
  const text = size > MAX_BYTES ? `(${size} bytes: too large to show)` : await readFile(file, 'utf8');
  const rows = text
    .replace(/\n$/, '')
    .split('\n')
    .map(
      (line, i) =>
        `<tr id="L${i + 1}"><td class="n"><a href="#L${i + 1}">${i + 1}</a></td><td><pre>${esc(line)}</pre></td></tr>`,
    )
    .join('\n');
  return page(`${service}/${rel}`, up, `<table class="src">\n${rows}\n</table>`);
}

/** A folder's listing, linking the files the site has a source view for. */
export function dirView(serviceDir: string, service: string, rel: string, shown: Set<string>): string {
  const depth = rel.split('/').length + 1; // source/<rel>/index.html
  const up = '../'.repeat(depth);
  const abs = join(serviceDir, rel);
  const entries = existsSync(abs)
    ? readdirSync(abs, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))
    : [];
  const items = entries.map((e) => {
    const child = posix.join(rel, e.name);
    if (e.isDirectory()) return `<li>${esc(e.name)}/</li>`;
    return shown.has(child)
      ? `<li><a href="../${esc(posix.basename(rel))}/${esc(e.name)}.html">${esc(e.name)}</a></li>`
      : `<li>${esc(e.name)}</li>`;
  });
  return page(`${service}/${rel}/`, up, `<ul>${items.join('')}</ul>`);
}

function page(title: string, up: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)} · Shipshape</title>
<style>
body{font:14px/1.5 ui-sans-serif,system-ui,sans-serif;margin:0;color:#213547}
header{padding:12px 20px;border-bottom:1px solid #e2e2e3;background:#f6f6f7}
header a{color:#3451b2;margin-right:16px}
main{padding:12px 20px}
table.src{border-collapse:collapse;font:13px/1.45 ui-monospace,monospace}
td.n{color:#999;text-align:right;padding-right:12px;user-select:none;vertical-align:top}
td.n a{color:inherit;text-decoration:none}
tr:target{background:#fff5b1}
pre{margin:0;white-space:pre-wrap}
</style></head>
<body><header><a href="${up}">← service</a><a href="${up}gates">gate matrix</a><strong>${esc(title)}</strong></header>
<main>${body}</main></body></html>
`;
}
