import type { Catalog, CatalogService } from '@shipshape/catalog';
import type { Catalog as GateCatalog } from '@shipshape/readiness';
import { cell, esc, levelBadge, statusPill } from '../util.js';
import { groupCounts } from '../service/overview.js';

const levelNum = (l: string | null) => (l === null ? -1 : Number(l.slice(1)));

/** What a service offers to read: its API reference (from the documents its descriptor names), bundle, runbooks. */
function readLinks(s: CatalogService): string {
  const page = `../services/${s.service}/`;
  const links = [
    `[API](${page}api)${s.artifacts.openapi.length ? '' : ' (none)'}`,
    `[docs](${page}#documents) (${s.artifacts.docs.length})`,
    `[runbooks](${page}#runbooks) (${s.artifacts.runbooks.length})`,
  ];
  return links.join(' · ');
}

/** The catalog's home: every service with tier, owner, level and what blocks its target. */
export function catalogIndex(catalog: Catalog): string {
  const adopted = catalog.services.filter((s) => s.adopted).length;
  return [
    '# Service catalog',
    '',
    `${catalog.services.length} service(s), judged ${catalog.generatedAt.slice(0, 16).replace('T', ' ')} UTC by \`shipshape readiness\`.`,
    ...(adopted
      ? [
          `${adopted} of them Shipshape did not generate: they were adopted with \`shipshape adopt\` and keep their own layout, which their \`shipshape.yaml\` describes.`,
        ]
      : []),
    'See the [monorepo matrix](./matrix) to sort and filter, and [what blocks L4](./blockers).',
    'Portals read the same data from [catalog.json](../guide/portals).',
    '',
    '| service | level | target | tier | owner | GREEN | AMBER | RED | conformance (pass/fail/skip) | lint | diff | read |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...catalog.services.map(
      (s) =>
        `| [${s.service}](../services/${s.service}/)${s.adopted ? ' <span class="ss-tag">adopted</span>' : ''} | ${levelBadge(s.level, '')} | ${s.target} | ${cell(s.tier)} | ${cell(s.owner)} | ${s.summary.GREEN} | ${s.summary.AMBER} | ${s.summary.RED} | ${s.conformance ? `${s.conformance.passed}/${s.conformance.failed}/${s.conformance.skipped} (${s.conformance.startedAt.slice(0, 10)}${s.conformance.commit ? ` @ ${s.conformance.commit.slice(0, 7)}` : ''})` : 'none'} | ${s.lint ? `${s.lint.errors} error(s)` : '—'} | ${s.diff ? `${s.diff.breaking} breaking${s.diff.failed ? ' ✗' : ''}` : '—'} | ${readLinks(s)} |`,
    ),
    '',
  ].join('\n');
}

/** Rows for the sortable, filterable matrix component (services × gate groups). */
export function matrixData(catalog: Catalog, gates: GateCatalog) {
  return {
    groups: gates.groups.map((g) => ({ id: g.id, name: g.name })),
    services: catalog.services.map((s) => ({
      service: s.service,
      tier: s.tier ?? '',
      owner: s.owner ?? '',
      level: s.level ?? 'none',
      target: s.target,
      blocking: s.blocking.length,
      groups: Object.fromEntries(
        groupCounts(s, gates).map((g) => [g.id, { GREEN: g.GREEN, AMBER: g.AMBER, RED: g.RED }]),
      ),
    })),
  };
}

export function matrixPage(): string {
  return [
    '---',
    'title: Monorepo matrix',
    'pageClass: ss-wide',
    'aside: false',
    '---',
    '',
    '<script setup>',
    "import data from './matrix.data.json'",
    '</script>',
    '',
    '# Monorepo matrix',
    '',
    'Services × gate groups. A cell is RED when a gate of the group is RED, AMBER when one is AMBER, GREEN when',
    'all are. Click a column to sort; filter by tier, owner and level.',
    '',
    '<ServiceMatrix :data="data" />',
    '',
  ].join('\n');
}

/** Every RED / AMBER gate at or below L4, across services: the work between the monorepo and L4. */
export function blockersPage(catalog: Catalog): string {
  const rows: string[] = [];
  const blockers = (s: CatalogService) =>
    s.gates.filter((g) => g.status !== 'GREEN' && levelNum(g.level) <= 4);
  for (const s of [...catalog.services].sort((a, b) => levelNum(b.level) - levelNum(a.level))) {
    for (const g of blockers(s).sort((a, b) =>
      a.status === b.status ? a.level.localeCompare(b.level) : a.status === 'RED' ? -1 : 1,
    )) {
      rows.push(
        `<tr class="ss-row-${g.status.toLowerCase()}"><td><a href="../services/${s.service}/">${esc(s.service)}</a></td><td><a href="../services/${s.service}/gates#gate-${g.id.replace(/\./g, '-')}">${esc(g.id)}</a></td><td>${g.level}</td><td>${statusPill(g.status)}</td><td>${esc(g.reason)}</td></tr>`,
      );
    }
  }
  const red = catalog.services.reduce((n, s) => n + blockers(s).filter((g) => g.status === 'RED').length, 0);
  return [
    '---',
    'title: What blocks L4',
    'pageClass: ss-wide',
    'aside: false',
    '---',
    '',
    '# What blocks L4',
    '',
    `Every gate required at or below L4 that is not GREEN, RED first: ${red} RED and ${rows.length - red} AMBER across ${catalog.services.length} service(s).`,
    'AMBER gates need evidence (a conformance run, a load baseline) or an attestation by a person.',
    '',
    rows.length
      ? '<table class="ss-gates"><thead><tr><th>service</th><th>gate</th><th>level</th><th>status</th><th>reason</th></tr></thead><tbody>'
      : 'Nothing: every service is at L4 or above.',
    ...rows,
    rows.length ? '</tbody></table>' : '',
    '',
  ].join('\n');
}
