// Writes docs/cli.md from the command table (see src/reference.ts).
import { writeFileSync } from 'node:fs';
import { commands } from '../src/commands/registry.js';
import { renderReference } from '../src/reference.js';

const target = new URL('../../../docs/cli.md', import.meta.url);
writeFileSync(target, await renderReference(commands));
console.log(`wrote ${target.pathname}`);
