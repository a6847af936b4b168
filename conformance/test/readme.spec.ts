import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { regenerate } from '../scripts/readme.js';

describe('README', () => {
  it('shows the catalog and the defect table exactly as the registry has them (npm run readme)', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain('<!-- catalog:start -->');
    expect(readme).toContain('<!-- defects:start -->');
    expect(await regenerate(readme)).toBe(readme);
  });
});
