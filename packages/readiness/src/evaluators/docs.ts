import { existsSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { isDir, isFile, listFiles, readText, relPath } from '../artifacts/files.js';
import { findHeading, OWNER_MARKER, parseMarkdown, type MarkdownDoc } from '../artifacts/markdown.js';
import type { Evidence } from '../types.js';
import { amber, few, green, plural, red, type Evaluator } from './support.js';

/** The 17-doc bundle every generated service carries (DESIGN.md "A generated service"). */
export const BUNDLE_DOCS = [
  'SERVICE_OVERVIEW',
  'DOMAIN_MODEL',
  'API_CONTRACT',
  'EVENT_CATALOG',
  'DATA_MODEL',
  'ERROR_CODES',
  'SECURITY_MODEL',
  'THREAT_MODEL',
  'SYNC_CONTRACT',
  'AI_INTEGRATION',
  'OBSERVABILITY',
  'TESTING_STRATEGY',
  'MIGRATION_PLAN',
  'DEPLOYMENT_TOPOLOGY',
  'LOCAL_DEV_SETUP',
  'DISASTER_RECOVERY',
  'SERVICE_READINESS',
] as const;

const SKELETON_DIRS = ['docs', 'openapi', 'asyncapi', 'migrations', 'ops'];
/** Lines of real content (not headings, not markers) a drafted overview has at least. */
const DRAFT_MIN_LINES = 5;

/** docs.overview_drafted (L0): the bundle's folders exist and SERVICE_OVERVIEW has content. */
export const overviewDrafted: Evaluator = async (ctx) => {
  const missing = SKELETON_DIRS.filter((d) => !isDir(join(ctx.dir, d)));
  const evidence: Evidence[] = SKELETON_DIRS.filter((d) => !missing.includes(d)).map((d) => ({
    kind: 'file',
    ref: `${d}/`,
  }));
  if (missing.length > 0) return red(`missing ${few(missing.map((d) => `${d}/`))}`, evidence);
  const overview = await ctx.markdown('docs/SERVICE_OVERVIEW.md');
  if (!overview) return red('docs/SERVICE_OVERVIEW.md is missing', evidence);
  const content = overview.body
    .split('\n')
    .filter((l) => l.trim() !== '' && !/^#{1,6}\s/.test(l) && !l.includes(OWNER_MARKER));
  evidence.push({
    kind: 'file',
    ref: 'docs/SERVICE_OVERVIEW.md',
    detail: `${content.length} lines of content`,
  });
  if (content.length < DRAFT_MIN_LINES) {
    return amber(
      `docs/SERVICE_OVERVIEW.md is not drafted yet (${plural(content.length, 'line')} of content)`,
      evidence,
    );
  }
  return green(`${SKELETON_DIRS.length} bundle folders present; SERVICE_OVERVIEW drafted`, evidence);
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

/** docs.bundle_complete (L4): 17 docs + README summary linking them, and no owner marker left. */
export const bundleComplete: Evaluator = async (ctx) => {
  const evidence: Evidence[] = [];
  const missing: string[] = [];
  const markers: string[] = [];
  let markerCount = 0;
  for (const name of BUNDLE_DOCS) {
    const file = `docs/${name}.md`;
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
  const readme = await ctx.markdown('README.md');
  if (!readme) missing.push('README.md');
  else {
    const found = stubsOf('README.md', readme);
    markerCount += found.length;
    markers.push(...found.map((st) => `${st.ref} (${st.what})`));
    evidence.push(
      { kind: 'file', ref: 'README.md' },
      ...found.map((st) => ({ kind: 'file' as const, ref: st.ref, detail: st.what })),
    );
  }
  if (missing.length > 0) return red(`missing ${few(missing, 4)}`, evidence);
  const linked = new Set(
    readme!.links
      .map((l) => resolve(ctx.dir, decodeURI(l.href.split('#')[0])))
      .filter((p) => p.endsWith('.md')),
  );
  const unlinked = BUNDLE_DOCS.filter((name) => !linked.has(join(ctx.dir, 'docs', `${name}.md`)));
  if (unlinked.length > 0) {
    return red(`README.md does not link ${few(unlinked.map((n) => `docs/${n}.md`))}`, evidence);
  }
  if (markerCount > 0) {
    return amber(`stubs remain: ${plural(markerCount, 'stub')} — ${few(markers)}`, evidence);
  }
  return green(`${BUNDLE_DOCS.length} docs and the README summary, no stubs remain`, evidence);
};

interface BrokenLink {
  where: string;
  href: string;
  why: string;
}

const EXTERNAL = /^([a-z][a-z0-9+.-]*:|\/\/)/i;

/** docs.cross_links_valid (L1): every relative link (file and heading anchor) in docs/, runbooks/, README resolves. */
export const crossLinksValid: Evaluator = async (ctx) => {
  const files = [
    ...(await listFiles(join(ctx.dir, 'docs'), (n) => n.endsWith('.md'))),
    ...(await listFiles(join(ctx.dir, 'runbooks'), (n) => n.endsWith('.md'))),
    ...(isFile(join(ctx.dir, 'README.md')) ? [join(ctx.dir, 'README.md')] : []),
  ];
  if (files.length === 0) return red('no Markdown in docs/, runbooks/ or README.md');
  const parsed = new Map<string, MarkdownDoc | undefined>();
  const load = async (file: string) => {
    if (!parsed.has(file)) {
      const text = await readText(file);
      parsed.set(file, text === undefined ? undefined : parseMarkdown(text));
    }
    return parsed.get(file);
  };
  const broken: BrokenLink[] = [];
  let checked = 0;
  for (const file of files) {
    const doc = (await load(file))!;
    for (const link of doc.links) {
      if (EXTERNAL.test(link.href)) continue;
      const where = `${relPath(ctx.dir, file)}:${link.line}`;
      const [rawPath, anchor] = splitHref(link.href);
      const target = rawPath === '' ? file : resolve(dirname(file), rawPath);
      // Badges are outputs of `shipshape readiness --write`, not authored links: before the first write
      // they do not exist yet, and that says nothing about the bundle.
      if (!existsSync(target) && isBadge(ctx.dir, target)) continue;
      checked++;
      if (!existsSync(target)) {
        broken.push({ where, href: link.href, why: 'no such file' });
        continue;
      }
      if (anchor && target.endsWith('.md')) {
        const targetDoc = await load(target);
        if (targetDoc && !targetDoc.anchors.has(anchor.toLowerCase()) && !targetDoc.anchors.has(anchor)) {
          broken.push({ where, href: link.href, why: 'no such heading' });
        }
      }
    }
  }
  const evidence: Evidence[] = broken.map((b) => ({
    kind: 'file',
    ref: b.where,
    detail: `${b.href}: ${b.why}`,
  }));
  if (broken.length > 0) {
    return red(
      `${plural(broken.length, 'broken link')}: ${few(
        broken.map((b) => `${b.where} → ${b.href} (${b.why})`),
        2,
      )}`,
      evidence,
    );
  }
  return green(`${plural(checked, 'relative link')} in ${plural(files.length, 'file')} resolve`, [
    { kind: 'file', ref: 'docs/, runbooks/, README.md', detail: `${checked} links checked` },
  ]);
};

function isBadge(dir: string, target: string): boolean {
  return target.startsWith(join(dir, 'docs', 'badges') + sep) && target.endsWith('.svg');
}

function splitHref(href: string): [string, string | undefined] {
  const hash = href.indexOf('#');
  const path = hash === -1 ? href : href.slice(0, hash);
  const anchor = hash === -1 ? undefined : href.slice(hash + 1);
  let decoded = path.split('?')[0];
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // keep it as written
  }
  return [decoded, anchor ? safeDecode(anchor) : undefined];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** docs.adr_aligned (L1): every ADR that touches the service is linked from SERVICE_OVERVIEW. */
export const adrAligned: Evaluator = async (ctx) => {
  const overview = await ctx.markdown('docs/SERVICE_OVERVIEW.md');
  if (!overview) return red('docs/SERVICE_OVERVIEW.md is missing');
  const decisions = findHeading(overview, /decision|ADR/i);
  const evidence: Evidence[] = [];
  if (decisions)
    evidence.push({
      kind: 'file',
      ref: `docs/SERVICE_OVERVIEW.md:${decisions.line}`,
      detail: decisions.text,
    });
  const root = ctx.repoRoot();
  const places = [
    { dir: join(ctx.dir, 'docs', 'adr'), all: true },
    { dir: join(ctx.dir, 'docs', 'decisions'), all: true },
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
      .map((l) => resolve(ctx.dir, 'docs', splitHref(l.href)[0])),
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
