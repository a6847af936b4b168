import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIFF_RULES } from '../src/index.js';
import { withRuleTable } from '../src/rules/readme.js';

describe('README.md rule table', () => {
  const committed = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  it('is the table rendered from DIFF_RULES (npm run readme -w @shipshape/spec-diff)', () => {
    expect(committed).toBe(withRuleTable(committed));
  });
  it('lists every rule id', () => {
    for (const rule of DIFF_RULES)
      expect(committed).toContain(`| \`${rule.id}\` | ${rule.spec} | ${rule.class} |`);
  });
});
