import type { CatalogService } from '@shipshape/catalog';
import type { ResolvedLayout } from '@shipshape/contracts';
import type { Catalog as GateCatalog } from '@shipshape/readiness';
import { cell, esc, levelBadge, stackedBar, statusPill } from '../util.js';
import { evidenceLinks, type SourceSet } from './evidence.js';
import type { ServicePages } from './pages.js';

const KIT = '../../';

/** Gate-status counts per group, in catalog order. */
export function groupCounts(s: CatalogService, catalog: GateCatalog) {
  return catalog.groups.map((g) => {
    const gates = s.gates.filter((x) => x.group === g.id);
    const count = (st: 'GREEN' | 'AMBER' | 'RED') => gates.filter((x) => x.status === st).length;
    return { id: g.id, name: g.name, GREEN: count('GREEN'), AMBER: count('AMBER'), RED: count('RED') };
  });
}

export function groupChart(s: CatalogService, catalog: GateCatalog): string {
  const rows = groupCounts(s, catalog).map(
    (g) =>
      `<div class="ss-chart-row"><span class="ss-chart-label">${esc(g.name)}</span>${stackedBar(
        [
          { label: 'GREEN', value: g.GREEN, cls: 'green' },
          { label: 'AMBER', value: g.AMBER, cls: 'amber' },
          { label: 'RED', value: g.RED, cls: 'red' },
        ],
        `${g.name}: ${g.GREEN} green, ${g.AMBER} amber, ${g.RED} red`,
      )}</div>`,
  );
  return `<div class="ss-chart">\n${rows.join('\n')}\n</div>`;
}

function conformanceBlock(s: CatalogService, layout: ResolvedLayout): string {
  const c = s.conformance;
  if (!c) {
    return `No conformance report yet: run \`npx shipshape conformance ${s.dir}\` (writes \`${layout.reports.conformance}/\`).`;
  }
  const rows = Object.entries(c.areas).map(
    ([area, n]) =>
      `<div class="ss-chart-row"><span class="ss-chart-label">${esc(area)}</span>${stackedBar(
        [
          { label: 'pass', value: n.passed, cls: 'green' },
          { label: 'fail', value: n.failed, cls: 'red' },
          { label: 'skip', value: n.skipped, cls: 'grey' },
        ],
        `${area}: ${n.passed} pass, ${n.failed} fail, ${n.skipped} skip`,
      )}</div>`,
  );
  return [
    `Last run ${c.startedAt.slice(0, 19).replace('T', ' ')} UTC${c.commit ? ` at commit \`${c.commit.slice(0, 12)}\`` : ''}: **${c.passed} pass, ${c.failed} fail, ${c.skipped} skip** (<a href="files/${c.ref}" target="_self">report</a>).`,
    '',
    `<div class="ss-chart">\n${rows.join('\n')}\n</div>`,
  ].join('\n');
}

/** The service's catalog entry: level, target, owner, charts and links to everything else. */
export function servicePage(
  s: CatalogService,
  catalog: GateCatalog,
  site: { pages: ServicePages; events: boolean; layout: ResolvedLayout },
): string {
  const { pages, layout } = site;
  const lint = s.lint
    ? `${s.lint.errors} error(s), ${s.lint.warnings} warning(s) (<a href="files/${s.lint.ref}" target="_self">report</a>)`
    : `judged during this build (no saved \`${layout.reports.lint}/lint.json\`)`;
  const descriptor = s.artifacts.descriptor
    ? `<a href="source/${esc(s.artifacts.descriptor)}.html" target="_self"><code>${esc(s.artifacts.descriptor)}</code></a>`
    : 'none: the generated layout throughout';
  const runbooks = pages.runbooks.length
    ? pages.runbooks.map((r) => `- [${r.title}](./${r.page}) — \`${r.rel}\``)
    : [`None in \`${layout.runbooks.dir}/\`.`];
  if (s.artifacts.runbookUrlPattern)
    runbooks.push('', `Published outside the repository at \`${s.artifacts.runbookUrlPattern}\`.`);
  return [
    '---',
    `title: ${JSON.stringify(s.service)}`,
    '---',
    '',
    `# ${s.service}`,
    '',
    `<p class="ss-badges">${levelBadge(s.level)} ${levelBadge(s.target, 'target')} <span class="ss-tag">tier ${esc(s.tier ?? '—')}</span> <span class="ss-tag">owner ${esc(s.owner ?? '—')}</span>${s.adopted ? ' <span class="ss-tag">adopted</span>' : ''}</p>`,
    '',
    s.description ? cell(s.description) : '',
    '',
    `- [Gate matrix](./gates): ${s.summary.GREEN} GREEN, ${s.summary.AMBER} AMBER, ${s.summary.RED} RED — ${s.blocking.length} gate(s) block ${s.target}`,
    `- [API reference](./api)${site.events ? ' · [Events (AsyncAPI)](./events)' : ''} · [SLOs, alerts and runbooks](./slos)`,
    `- Lint: ${lint}`,
    `- Spec diff: ${
      s.diff
        ? `against \`${esc(s.diff.base)}\` on ${s.diff.comparedAt.slice(0, 10)}: ${s.diff.breaking} breaking, ${s.diff.nonBreaking} non-breaking change(s)${s.diff.failed ? ' — **fails** (breaking without a major bump)' : ''} (<a href="files/${s.diff.ref}" target="_self">report</a>)`
        : `no saved \`${layout.reports.diff}/diff.json\` (\`shipshape diff --base <ref> <service-dir>\` writes it)`
    }`,
    `- Folder: \`${s.dir}\`${s.adopted ? ' (adopted with `shipshape adopt`)' : ''} · descriptor: ${descriptor} · evaluated ${s.evaluatedAt.slice(0, 19).replace('T', ' ')} UTC`,
    '',
    '## Gates by group',
    '',
    groupChart(s, catalog),
    '',
    '## Conformance',
    '',
    conformanceBlock(s, layout),
    '',
    '## Documents',
    '',
    ...(pages.docs.length
      ? pages.docs.map((d) => `- [${d.title}](./${d.page}) — \`${d.rel}\``)
      : [`None in \`${layout.docs.dir}/\`.`]),
    '',
    '## Runbooks',
    '',
    ...runbooks,
    '',
  ].join('\n');
}

/** Every gate with status, reason and evidence links, grouped as the catalog groups them. */
export function gatesPage(s: CatalogService, catalog: GateCatalog, sources: SourceSet): string {
  const lines = [
    '---',
    `title: ${JSON.stringify(`${s.service} gates`)}`,
    'pageClass: ss-wide',
    'aside: false',
    '---',
    '',
    `# ${s.service}: gate matrix`,
    '',
    `<p class="ss-badges">${levelBadge(s.level)} ${levelBadge(s.target, 'target')}</p>`,
    '',
    `Judged by \`shipshape readiness ${s.dir}\`. Gates at or below the target (${s.target}) that are not GREEN block it; each`,
    'gate links to its definition in the [gate catalog](../../reference/gates).',
    '',
  ];
  for (const group of catalog.groups) {
    const gates = s.gates.filter((g) => g.group === group.id);
    if (!gates.length) continue;
    lines.push(
      `## ${group.name}`,
      '',
      '<table class="ss-gates">',
      '<thead><tr><th>gate</th><th>level</th><th>status</th><th>reason</th><th>evidence</th></tr></thead>',
      '<tbody>',
    );
    for (const g of gates) {
      const links = evidenceLinks(g, sources, KIT);
      lines.push(
        `<tr id="gate-${g.id.replace(/\./g, '-')}" class="ss-row-${g.status.toLowerCase()}"><td><a href="${KIT}reference/gates#${g.id}">${esc(g.id)}</a><br><small>${esc(g.title)} · ${g.judged}</small></td><td>${g.level}</td><td>${statusPill(g.status)}</td><td>${esc(g.reason)}</td><td>${links.length ? `<ul class="ss-evidence">${links.map((l) => `<li>${l}</li>`).join('')}</ul>` : '—'}</td></tr>`,
      );
    }
    lines.push('</tbody>', '</table>', '');
  }
  return lines.join('\n');
}
