import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cell, code } from '../util.js';

interface SchemaProp {
  type?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  alias?: string;
  'x-deprecated'?: string;
}

/** Every generator of generators/generators.json with its options, read from its schema.json. */
export function generatorsPage(root: string): string {
  const collection = join(root, 'generators', 'generators.json');
  const manifest = JSON.parse(readFileSync(collection, 'utf8')) as {
    generators: Record<string, { schema: string; description: string }>;
  };
  const lines = [
    '# Generators',
    '',
    "<!-- Generated at build time from generators/generators.json and each generator's schema.json. -->",
    '',
    'Run them with `npx nx g @shipshape/generators:<generator> [options] --no-interactive`.',
    '',
  ];
  for (const [name, entry] of Object.entries(manifest.generators)) {
    const schema = JSON.parse(readFileSync(join(dirname(collection), entry.schema), 'utf8')) as {
      description?: string;
      required?: string[];
      properties: Record<string, SchemaProp>;
      examples?: { command: string; description?: string }[];
    };
    lines.push(`## ${name}`, '', schema.description ?? entry.description, '');
    for (const ex of schema.examples ?? []) {
      lines.push('```sh', ex.command, '```', '', ex.description ?? '', '');
    }
    lines.push('| option | type | required | default | description |', '|---|---|---|---|---|');
    for (const [prop, p] of Object.entries(schema.properties)) {
      const type = p.enum ? p.enum.map((v) => String(v)).join(' \\| ') : (p.type ?? '');
      lines.push(
        `| ${code('--' + prop)} | ${cell(type)} | ${schema.required?.includes(prop) ? 'yes' : ''} | ${
          p.default === undefined ? '' : code(JSON.stringify(p.default))
        } | ${cell(p.description)} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}
