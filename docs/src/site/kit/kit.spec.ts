import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinChecks } from '@shipshape/conformance';
import { loadCatalog } from '@shipshape/readiness';
import { houseRules, owaspRules, owaspSeverity, type OwaspRuleId } from '@shipshape/spectral-ruleset';
import { bundlePage, purposeOf } from './bundle.js';
import { conformancePage } from './conformance.js';
import { gatesPage } from './gates.js';
import { generatorsPage } from './generators.js';
import { diffRulesPage, lintRulesPage } from './rules.js';

const root = new URL('../../../..', import.meta.url).pathname;

describe('kit references are rendered from their sources', () => {
  it('documents every conformance check with an anchor equal to its id', () => {
    const page = conformancePage();
    for (const c of builtinChecks) expect(page).toContain(`### ${c.id} {#${c.id}}`);
  });

  it('documents every gate of the catalog', () => {
    const page = gatesPage();
    for (const g of loadCatalog().gates) expect(page).toContain(`### ${g.id} {#${g.id}}`);
  });

  it("documents every option of every generator's schema.json", () => {
    const page = generatorsPage(root);
    const schema = JSON.parse(readFileSync(`${root}/generators/src/service/schema.json`, 'utf8')) as {
      properties: Record<string, unknown>;
    };
    for (const option of Object.keys(schema.properties)) expect(page).toContain(`\`--${option}\``);
  });

  it('documents every Spectral house rule', () => {
    const page = lintRulesPage();
    for (const id of Object.keys(houseRules)) expect(page).toContain(`### ${id}`);
    // The OWASP rules, each in the table with its gate.
    for (const [id, rule] of Object.entries(owaspRules))
      expect(page).toContain(`| \`${id}\` | ${owaspSeverity(id as OwaspRuleId)} | \`${rule.gate}\` |`);
  });

  it('lists the 17 bundle documents, each with the purpose its template states', () => {
    const page = bundlePage(root);
    expect(page.match(/^\| `[A-Z_]+` \|/gm)).toHaveLength(17);
    expect(purposeOf('# <%- name %> — x\n\nHow <%- name %> does [it](X.md).\n\n## 1')).toBe(
      'How the service does it.',
    );
  });
});

describe('the diff rule page', () => {
  it('lists every rule of DIFF_RULES when @shipshape/spec-diff exports it', async () => {
    const { DIFF_RULES } = (await import('@shipshape/spec-diff')) as unknown as {
      DIFF_RULES?: readonly { id: string }[];
    };
    const page = await diffRulesPage();
    if (!DIFF_RULES) return expect(page).toBeUndefined();
    for (const r of DIFF_RULES) expect(page).toContain(`\`${r.id}\``);
  });
});
