import { parse } from 'yaml';
import type { EvalContext } from '../context.js';
import { readText } from '../artifacts/files.js';
import { asyncapiAt, docOrigin, specFiles } from '../layout.js';
import { findHeading, sectionText } from '../artifacts/markdown.js';
import type { Evidence } from '../types.js';
import { amber, few, green, plural, red, type Evaluator } from './support.js';

/** Event types per aggregate entity, from the AsyncAPI channel addresses `<org>.<svc>.<entity>.<verb>.v<N>`. */
export async function eventsByEntity(ctx: EvalContext): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const file of specFiles(ctx.layout, 'asyncapi')) {
    let doc: unknown;
    try {
      doc = parse((await readText(file)) ?? '');
    } catch {
      continue; // events.asyncapi_present reports an unparsable document
    }
    const channels = (doc as { channels?: Record<string, { address?: unknown }> })?.channels ?? {};
    for (const channel of Object.values(channels)) {
      const address = typeof channel?.address === 'string' ? channel.address : undefined;
      const m = address ? /^[^.]+\.[^.]+\.([^.]+)\.[^.]+\.v\d+$/.exec(address) : null;
      if (!m) continue;
      const list = out.get(m[1]) ?? [];
      list.push(address!);
      out.set(m[1], list);
    }
  }
  return out;
}

const norm = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
const ITEM = /^\s*(?:[-*+]|\d+\.)\s+(?!TODO\(owner\):)\S/;
const ROW = /^\s*\|(?!\s*-)/;

/** domain.aggregates_defined (L1): each aggregate has fields, invariants and its domain events in DOMAIN_MODEL. */
export const aggregatesDefined: Evaluator = async (ctx) => {
  const DOMAIN_MODEL = ctx.layout.docs.bundle.DOMAIN_MODEL;
  const doc = await ctx.markdown(DOMAIN_MODEL);
  if (!doc) return red(`${DOMAIN_MODEL} is missing (${docOrigin(ctx.layout, 'DOMAIN_MODEL')})`);
  const events = await eventsByEntity(ctx);
  const manifest = await ctx.manifest();
  const resources = ((manifest?.options as { resources?: unknown })?.resources ?? []) as unknown[];
  const aggregates = new Set<string>([
    ...events.keys(),
    ...resources.filter((r): r is string => typeof r === 'string'),
  ]);
  if (aggregates.size === 0) {
    return amber(
      `no aggregate found to check (${ctx.layout.asyncapi.from.length ? 'no channels in ' : ''}${asyncapiAt(ctx.layout)}, no resources in .shipshape/manifest.json)`,
    );
  }
  const problems: string[] = [];
  const evidence: Evidence[] = [];
  for (const aggregate of aggregates) {
    const heading = doc.headings.find((h) => h.depth <= 3 && norm(h.text) === norm(aggregate));
    if (!heading) {
      problems.push(`${aggregate}: no section`);
      continue;
    }
    evidence.push({ kind: 'file', ref: `${DOMAIN_MODEL}:${heading.line}`, detail: heading.text });
    const body = sectionText(doc, heading);
    const own = body.split(/\n#{1,6}\s/)[0];
    if (!/^\s*\|\s*field\b/im.test(own)) problems.push(`${aggregate}: no fields table`);
    const invariants = findHeading(doc, /invariant/i, heading);
    const invariantItems = invariants
      ? sectionText(doc, invariants)
          .split('\n')
          .filter((l) => ITEM.test(l))
      : [];
    if (!invariants) problems.push(`${aggregate}: no Invariants section`);
    else if (invariantItems.length === 0) problems.push(`${aggregate}: Invariants lists none`);
    const eventsHeading = findHeading(doc, /event/i, heading);
    const expected = events.get(aggregate) ?? [];
    if (expected.length > 0) {
      const text = eventsHeading ? sectionText(doc, eventsHeading) : '';
      const undocumented = expected.filter((type) => !text.includes(type));
      if (!eventsHeading) problems.push(`${aggregate}: no Domain events section`);
      else if (undocumented.length)
        problems.push(`${aggregate}: events not documented: ${few(undocumented)}`);
    }
  }
  if (problems.length > 0) return red(`${DOMAIN_MODEL}: ${few(problems, 4)}`, evidence);
  return green(
    `${plural(aggregates.size, 'aggregate')} (${[...aggregates].join(', ')}) with fields, invariants and domain events`,
    evidence,
  );
};

/** domain.ubiquitous_language (L1): DOMAIN_MODEL has a glossary with terms in it. */
export const ubiquitousLanguage: Evaluator = async (ctx) => {
  const DOMAIN_MODEL = ctx.layout.docs.bundle.DOMAIN_MODEL;
  const doc = await ctx.markdown(DOMAIN_MODEL);
  if (!doc) return red(`${DOMAIN_MODEL} is missing (${docOrigin(ctx.layout, 'DOMAIN_MODEL')})`);
  const glossary = findHeading(doc, /glossary|ubiquitous language/i);
  if (!glossary) return red(`${DOMAIN_MODEL} has no Glossary section`);
  const lines = sectionText(doc, glossary).split('\n');
  const rows = lines.filter((l) => ROW.test(l)).length;
  const terms = Math.max(0, rows - 1) + lines.filter((l) => ITEM.test(l)).length;
  const evidence: Evidence[] = [
    { kind: 'file', ref: `${DOMAIN_MODEL}:${glossary.line}`, detail: `${terms} terms` },
  ];
  if (terms === 0) return amber(`${DOMAIN_MODEL} § ${glossary.text} defines no term yet`, evidence);
  return green(`glossary with ${plural(terms, 'term')}`, evidence);
};
