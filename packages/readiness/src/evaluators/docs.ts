import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isDir, listFiles, readText, relPath } from '../artifacts/files.js';
import { BUNDLE_ROLES } from '@shipshape/contracts';
import { findHeading, OWNER_MARKER, type MarkdownDoc } from '../artifacts/markdown.js';
import { declared, docOrigin, from, migrationsAt, type ResolvedLayout } from '../layout.js';
import type { Evidence } from '../types.js';
import { EXTERNAL, safeDecodeUri, splitHref } from './links.js';
import { amber, few, green, plural, red, type Evaluator } from './support.js';

export { crossLinksValid } from './links.js';

/** The 17-doc bundle every generated service carries (DESIGN.md "A generated service"), by role. */
export const BUNDLE_DOCS = BUNDLE_ROLES;

/** Lines of real content (not headings, not markers) a drafted overview has at least. */
const DRAFT_MIN_LINES = 5;

/**
 * The places of the bundle's skeleton, where shipshape.yaml says they are: the docs folder, the OpenAPI and
 * AsyncAPI locations (none when `api.asyncapi: []`: the service publishes no events), the migrations folder, and
 * the ops files (alert rules, SLOs or dashboards — one of them is enough for a sketch).
 */
function skeleton(layout: ResolvedLayout): { label: string; places: string[] }[] {
  return [
    { label: `${layout.docs.dir}/ (${from(layout, 'docs.dir')})`, places: [layout.docs.dir] },
    ...layout.openapi.from.map((p) => ({ label: `${p} (${from(layout, 'api.openapi')})`, places: [p] })),
    ...layout.asyncapi.from.map((p) => ({ label: `${p} (${from(layout, 'api.asyncapi')})`, places: [p] })),
    { label: migrationsAt(layout), places: [layout.migrations.dir] },
    declared(layout, 'ops')
      ? {
          label: `${[...layout.alerts, ...layout.slos, layout.dashboards].join(', ')} (ops in shipshape.yaml)`,
          places: [...layout.alerts, ...layout.slos, layout.dashboards],
        }
      : { label: 'ops/', places: ['ops'] },
  ];
}

/** docs.overview_drafted (L0): the bundle's folders exist and SERVICE_OVERVIEW has content. */
export const overviewDrafted: Evaluator = async (ctx) => {
  const parts = skeleton(ctx.layout);
  const present = (p: { places: string[] }) => p.places.some((place) => existsSync(ctx.layout.abs(place)));
  const missing = parts.filter((p) => !present(p));
  const evidence: Evidence[] = parts
    .filter(present)
    .map((p) => ({ kind: 'file', ref: p.places.find((place) => existsSync(ctx.layout.abs(place)))! }));
  if (missing.length > 0) return red(`missing ${few(missing.map((p) => p.label))}`, evidence);
  const OVERVIEW = ctx.layout.docs.bundle.SERVICE_OVERVIEW;
  const overview = await ctx.markdown(OVERVIEW);
  if (!overview)
    return red(`${OVERVIEW} is missing (${docOrigin(ctx.layout, 'SERVICE_OVERVIEW')})`, evidence);
  const content = overview.body
    .split('\n')
    .filter((l) => l.trim() !== '' && !/^#{1,6}\s/.test(l) && !l.includes(OWNER_MARKER));
  evidence.push({
    kind: 'file',
    ref: OVERVIEW,
    detail: `${content.length} lines of content`,
  });
  if (content.length < DRAFT_MIN_LINES) {
    return amber(`${OVERVIEW} is not drafted yet (${plural(content.length, 'line')} of content)`, evidence);
  }
  return green(`${parts.length} bundle folders present; SERVICE_OVERVIEW drafted (${OVERVIEW})`, evidence);
};

/** Every stub of a doc, with file:line: markers in any form, headings with nothing under them, an empty file. */
export function stubsOf(file: string, doc: MarkdownDoc): { ref: string; what: string }[] {
  if (doc.empty) return [{ ref: `${file}:1`, what: 'empty file' }];
  const lines = (doc.frontLines ? '\n'.repeat(doc.frontLines) + doc.body : doc.body).split('\n');
  return [
    ...doc.markers.map((line) => ({
      ref: `${file}:${line}`,
      what: `marker: ${lines[line - 1]?.trim().slice(0, 60)}`,
    })),
    ...doc.emptyHeadings.map((h) => ({ ref: `${file}:${h.line}`, what: `empty heading "${h.text}"` })),
  ].sort((a, b) => Number(a.ref.split(':')[1]) - Number(b.ref.split(':')[1]));
}

/**
 * docs.bundle_complete (L4): 17 docs (each where shipshape.yaml's `docs.bundle` puts its role, else
 * `<docs.dir>/<ROLE>.md`) + the summary doc (`docs.summary`, default README.md) linking them, and no owner marker left.
 */
export const bundleComplete: Evaluator = async (ctx) => {
  const evidence: Evidence[] = [];
  const missing: string[] = [];
  const markers: string[] = [];
  const { bundle, summary } = ctx.layout.docs;
  let markerCount = 0;
  for (const name of BUNDLE_DOCS) {
    const file = bundle[name];
    const doc = await ctx.markdown(file);
    if (!doc) {
      missing.push(file);
      continue;
    }
    const found = stubsOf(file, doc);
    evidence.push({
      kind: 'file',
      ref: file,
      ...(found.length ? { detail: `${plural(found.length, 'stub')}` } : {}),
    });
    evidence.push(...found.map((st) => ({ kind: 'file' as const, ref: st.ref, detail: st.what })));
    markerCount += found.length;
    markers.push(...found.map((st) => `${st.ref} (${st.what})`));
  }
  const readme = await ctx.markdown(summary);
  if (!readme) missing.push(summary);
  else {
    const found = stubsOf(summary, readme);
    markerCount += found.length;
    markers.push(...found.map((st) => `${st.ref} (${st.what})`));
    evidence.push(
      { kind: 'file', ref: summary },
      ...found.map((st) => ({ kind: 'file' as const, ref: st.ref, detail: st.what })),
    );
  }
  if (missing.length > 0) return red(`missing ${few(missing, 4)} (docs in shipshape.yaml)`, evidence);
  const summaryDir = dirname(ctx.layout.abs(summary));
  const linked = new Set(
    readme!.links
      .map((l) => resolve(summaryDir, safeDecodeUri(l.href.split('#')[0])))
      .filter((p) => p.endsWith('.md')),
  );
  const unlinked = BUNDLE_DOCS.filter((name) => !linked.has(ctx.layout.abs(bundle[name])));
  if (unlinked.length > 0) {
    return red(`${summary} does not link ${few(unlinked.map((n) => bundle[n]))}`, evidence);
  }
  if (markerCount > 0) {
    return amber(`stubs remain: ${plural(markerCount, 'stub')} — ${few(markers)}`, evidence);
  }
  return green(`${BUNDLE_DOCS.length} docs and the ${summary} summary, no stubs remain`, evidence);
};

/** docs.adr_aligned (L1): every ADR that touches the service is linked from SERVICE_OVERVIEW. */
export const adrAligned: Evaluator = async (ctx) => {
  const OVERVIEW = ctx.layout.docs.bundle.SERVICE_OVERVIEW;
  const docsDir = ctx.layout.docs.dir;
  const overview = await ctx.markdown(OVERVIEW);
  if (!overview) return red(`${OVERVIEW} is missing (${docOrigin(ctx.layout, 'SERVICE_OVERVIEW')})`);
  const decisions = findHeading(overview, /decision|ADR/i);
  const evidence: Evidence[] = [];
  if (decisions)
    evidence.push({
      kind: 'file',
      ref: `${OVERVIEW}:${decisions.line}`,
      detail: decisions.text,
    });
  const root = ctx.repoRoot();
  const places = [
    { dir: join(ctx.layout.abs(docsDir), 'adr'), all: true },
    { dir: join(ctx.layout.abs(docsDir), 'decisions'), all: true },
    ...(root
      ? ['docs/adr', 'docs/decisions', 'adr', 'decisions'].map((d) => ({ dir: join(root, d), all: false }))
      : []),
  ].filter((p) => isDir(p.dir));
  const mention = new RegExp(`(^|[^\\w-])(services/)?${escapeRegExp(ctx.service)}([^\\w-]|$)`, 'i');
  const adrs: string[] = [];
  for (const place of places) {
    for (const file of await listFiles(
      place.dir,
      (n) => n.endsWith('.md') && !/^(readme|index|template)/i.test(n),
    )) {
      if (place.all || mention.test((await readText(file)) ?? '')) adrs.push(file);
    }
  }
  const searched = places.length
    ? few(places.map((p) => relPath(root ?? ctx.dir, p.dir)))
    : 'no ADR folder found';
  if (adrs.length === 0) {
    if (!decisions) return amber('SERVICE_OVERVIEW has no Decisions section to link ADRs from', evidence);
    return green(
      `no ADR touches ${ctx.service} (${searched}); SERVICE_OVERVIEW § ${decisions.text} is in place`,
      evidence,
    );
  }
  const linked = new Set(
    overview.links
      .filter((l) => !EXTERNAL.test(l.href))
      .map((l) => resolve(dirname(ctx.layout.abs(OVERVIEW)), splitHref(l.href)[0])),
  );
  const unlinked = adrs.filter((f) => !linked.has(f));
  for (const f of adrs)
    evidence.push({
      kind: 'file',
      ref: relPath(ctx.dir, f),
      detail: linked.has(f) ? 'linked' : 'not linked',
    });
  if (unlinked.length > 0) {
    return red(
      `${plural(unlinked.length, 'ADR')} touching ${ctx.service} not linked from SERVICE_OVERVIEW: ${few(unlinked.map((f) => relPath(ctx.dir, f)))}`,
      evidence,
    );
  }
  return green(
    `${plural(adrs.length, 'ADR')} touching ${ctx.service}, all linked from SERVICE_OVERVIEW`,
    evidence,
  );
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
