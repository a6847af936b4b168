/**
 * Regenerates the generated blocks of conformance/README.md (the check catalog and the fixture's
 * defect table) from the registry: `npm run readme -w @shipshape/conformance`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { builtinChecks, catalogMarkdown } from '../src/index.js';
import { DEFECTS } from '../fixture/defects.js';

export function defectsMarkdown(): string {
  return [
    '| switch | checks that must fail |',
    '|---|---|',
    ...Object.entries(DEFECTS).map(
      ([name, ids]) => `| \`${name}\` | ${ids.map((id) => `\`${id}\``).join(', ')} |`,
    ),
  ].join('\n');
}

export function fillBlocks(readme: string): string {
  const fill = (text: string, name: string, body: string) => {
    const pattern = new RegExp(`<!-- ${name}:start -->[\\s\\S]*?<!-- ${name}:end -->`);
    if (!pattern.test(text)) throw new Error(`README has no ${name} block`);
    return text.replace(pattern, () => `<!-- ${name}:start -->\n\n${body}\n\n<!-- ${name}:end -->`);
  };
  return fill(fill(readme, 'catalog', catalogMarkdown(builtinChecks)), 'defects', defectsMarkdown());
}

/** The README with both blocks regenerated, formatted as Prettier formats the file. */
export async function regenerate(readme: string): Promise<string> {
  const file = fileURLToPath(new URL('../README.md', import.meta.url));
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(fillBlocks(readme), { ...options, filepath: file });
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const file = new URL('../README.md', import.meta.url);
  await writeFile(file, await regenerate(await readFile(file, 'utf8')));
}
