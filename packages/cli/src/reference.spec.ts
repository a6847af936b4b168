import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commands } from './commands/registry.js';
import { renderReference } from './reference.js';

describe('docs/cli.md', () => {
  it('is the reference rendered from the command table (npm run docs -w @shipshape/cli)', async () => {
    const committed = readFileSync(new URL('../../../docs/cli.md', import.meta.url), 'utf8');
    expect(committed).toBe(await renderReference(commands));
  }, 60_000);

  it('documents every command', async () => {
    const page = await renderReference(commands);
    for (const entry of commands) expect(page).toContain(`## shipshape ${entry.name}`);
  }, 60_000);
});
