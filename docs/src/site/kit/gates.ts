import { loadCatalog, type Catalog } from '@shipshape/readiness';
import { anchorOf, cell, code } from '../util.js';

/** The readiness gate catalog: levels, then every gate by group with criteria and evidence. */
export function gatesPage(catalog: Catalog = loadCatalog()): string {
  const lines = [
    '# Readiness gates',
    '',
    '<!-- Generated at build time from the gate catalog of @shipshape/readiness (gates.yaml). -->',
    '',
    '`shipshape readiness` judges each gate GREEN / AMBER / RED. Automated gates are judged from artifacts',
    'and evidence; attested gates only from an attestation (who, when, evidence link) in',
    '`readiness/attestations.yaml`, GREEN while fresh and AMBER when missing or stale.',
    '',
    '## Levels',
    '',
    '| level | name | meaning | required for |',
    '|---|---|---|---|',
    ...catalog.levels.map(
      (l) => `| ${l.id} | ${cell(l.name)} | ${cell(l.meaning)} | ${cell(l.requiredFor)} |`,
    ),
    '',
    `Target level by tier: ${Object.entries(catalog.targets)
      .map(([t, l]) => `${code(t)} → ${l}`)
      .join(', ')}.`,
    '',
  ];
  for (const group of catalog.groups) {
    lines.push(`## ${group.name} (${code(group.id)})`, '');
    if (group.applicability) {
      lines.push(
        `This group may not apply: \`docs/${group.applicability}.md\` front matter \`applies: false\` with a \`reason\` says so.`,
        '',
      );
    }
    for (const g of group.gates) {
      lines.push(
        `### ${g.id} {#${anchorOf(g.id)}}`,
        '',
        `**${cell(g.title)}** — ${cell(g.criteria)}`,
        '',
        `- level: ${g.level}`,
        `- judged: ${g.judged}${g.judged === 'attested' ? ` (fresh for ${g.freshFor ?? 'the default window'})` : ''}`,
        `- evidence: ${cell(g.evidence)}`,
        ...(g.source ? [`- source: ${cell(g.source)}`] : []),
        '',
      );
    }
  }
  return lines.join('\n');
}
