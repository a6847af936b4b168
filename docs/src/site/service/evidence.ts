import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogEvidence, CatalogGate } from '@shipshape/catalog';
import { houseRules, OWASP_RULES_ANCHOR, owaspRuleIds, serviceRules } from '@shipshape/spectral-ruleset';
import { anchorOf, esc } from '../util.js';
import type { ServicePages } from './pages.js';

const RULE_IDS = new Set<string>([...Object.keys(houseRules), ...Object.keys(serviceRules), ...owaspRuleIds]);
/** The lint rules page section of a rule: its own, or the OWASP table (OWASP ids hold colons). */
const ruleAnchor = (id: string) => (id.startsWith('owasp:') ? OWASP_RULES_ANCHOR : id);

/** Files and folders of a service that the site shows as source views (filled while rendering links). */
export class SourceSet {
  readonly files = new Set<string>();
  readonly dirs = new Set<string>();
  readonly reports = new Set<string>();
  constructor(
    readonly serviceDir: string,
    /** The docs and runbooks published as pages (evidence naming one links its rendered page too). */
    readonly pages?: ServicePages,
  ) {}

  /** The source-view URL of a service-relative path (relative to the service's index), or undefined. */
  view(path: string, line?: number): string | undefined {
    const clean = path.replace(/\/+$/, '');
    const abs = join(this.serviceDir, clean);
    if (!clean || clean.includes('..') || !existsSync(abs)) return undefined;
    if (statSync(abs).isDirectory()) {
      this.dirs.add(clean);
      return `source/${clean}/index.html`;
    }
    this.files.add(clean);
    return `source/${clean}.html${line ? `#L${line}` : ''}`;
  }

  report(path: string): string | undefined {
    if (!existsSync(join(this.serviceDir, path))) return undefined;
    this.reports.add(path);
    return `files/${path}`;
  }
}

const FILE_LINE = /([\w./-]+\.[A-Za-z]+):(\d+)/g;

/** A link that leaves the VitePress router alone (source views and reports are static files). */
const raw = (href: string, text: string) => `<a href="${esc(href)}" target="_self">${esc(text)}</a>`;

/** Evidence of one gate as links: file:line to the source view, check id to the check catalog, report to the report. */
export function evidenceLinks(gate: CatalogGate, sources: SourceSet, kitBase: string): string[] {
  const out: string[] = [];
  for (const e of gate.evidence) out.push(linkOf(e, sources, kitBase));
  for (const [, file, line] of gate.reason.matchAll(FILE_LINE)) {
    const href = sources.view(file, Number(line));
    if (href) out.push(raw(href, `${file}:${line}`));
  }
  return [...new Set(out)];
}

function linkOf(e: CatalogEvidence, sources: SourceSet, kitBase: string): string {
  const detail = e.detail ? ` — ${esc(e.detail)}` : '';
  switch (e.kind) {
    case 'conformance': {
      if (/^[a-z]+\.[a-z0-9_]+$/.test(e.ref)) {
        return `<a href="${kitBase}reference/conformance#${anchorOf(e.ref)}">${esc(e.ref)}</a>${detail}`;
      }
      const href = sources.report(e.ref);
      return (href ? raw(href, e.ref) : esc(e.ref)) + detail;
    }
    case 'lint': {
      // `<rule>[, <rule>…]: <text>`; OWASP rule ids hold colons, so the list ends at the first ": ".
      const detailText = e.detail ?? '';
      const end = detailText.indexOf(': ');
      const rules = (end >= 0 ? detailText.slice(0, end) : detailText)
        .split(',')
        .map((r) => r.trim())
        .filter((r) => RULE_IDS.has(r));
      const rest = end >= 0 ? ` — ${esc(detailText.slice(end + 2).trim())}` : '';
      const links = rules.map(
        (r) => `<a href="${kitBase}reference/lint-rules#${ruleAnchor(r)}">${esc(r)}</a>`,
      );
      return `${esc(e.ref)}${links.length ? ': ' + links.join(', ') : ''}${rest}`;
    }
    case 'report': {
      const href = sources.report(e.ref);
      return (href ? raw(href, e.ref) : esc(e.ref)) + detail;
    }
    case 'attestation':
    case 'file': {
      const [path, line] = e.ref.split(':');
      const view = sources.view(path, line ? Number(line) : undefined);
      const page = sources.pages?.of(path);
      const doc = page ? ` (<a href="./${page.page}">rendered</a>)` : '';
      return (view ? raw(view, e.ref) : esc(e.ref)) + doc + detail;
    }
  }
}
