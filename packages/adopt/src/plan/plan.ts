/**
 * The adoption plan: every file `adopt` would add, each with why. A file that exists is never in the plan
 * (adopt adds only what is missing), so running it twice plans nothing the second time.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import {
  BUNDLE_DOCS,
  DESCRIPTOR_FILE,
  loadDescriptor,
  resolveLayout,
  runbookUrl,
  type ResolvedLayout,
  type ServiceDescriptor,
} from '@shipshape/contracts';
import type { AlertFact } from '../inspect/classify.js';
import { readFacts, type Facts } from '../inspect/facts.js';
import { locate } from '../inspect/locate.js';
import { renderConformanceConfig } from './conformance.js';
import { renderDescriptor } from './descriptor.js';
import { renderDoc, renderSummary } from './docs.js';
import { renderRegistry } from './registry.js';
import { renderRunbook, slug } from './runbooks.js';
import { renderWorkflow } from './workflow.js';

export interface PlannedFile {
  /** Absolute path. */
  file: string;
  /** Relative to the service folder (may start with `../` for the workflow of a monorepo). */
  path: string;
  content: string;
  why: string;
}

export interface Plan {
  dir: string;
  descriptor: ServiceDescriptor;
  /** True when shipshape.yaml already existed (it is read, never rewritten). */
  descriptorExisted: boolean;
  found: string[];
  layout: ResolvedLayout;
  facts: Facts;
  files: PlannedFile[];
  /** What adopt cannot add without editing a file a person owns. */
  notes: string[];
}

/** The repository root above `dir` (a `.git` entry), or undefined when the folder is not in one. */
function repoRoot(dir: string): string | undefined {
  for (let current = dir; ;) {
    if (existsSync(join(current, '.git'))) return current;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Whether the summary doc links every bundle doc (by its path relative to the summary). */
function linksEveryDoc(layout: ResolvedLayout, text: string): boolean {
  const from = dirname(layout.abs(layout.docs.summary));
  return BUNDLE_DOCS.every(({ role }) =>
    text.includes(relative(from, layout.abs(layout.docs.bundle[role])).split(sep).join('/')),
  );
}

/** Whether a CI workflow already runs `shipshape readiness` for this service (a generated one does). */
function judgedInCi(workflows: string, name: string): boolean {
  if (!existsSync(workflows)) return false;
  return readdirSync(workflows)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => readFileSync(join(workflows, f), 'utf8'))
    .some((text) => /readiness/.test(text) && new RegExp(`\\b${name}\\b`).test(text));
}

/** Whether an alert's runbook exists (or is published where the descriptor's URL pattern says). */
function hasRunbook(layout: ResolvedLayout, alert: AlertFact): boolean {
  const url = alert.runbookUrl;
  if (!url) return existsSync(layout.abs(`${layout.runbooks.dir}/${slug(alert.name)}.md`));
  if (
    layout.runbooks.urlPattern &&
    url === runbookUrl(layout.runbooks.urlPattern, alert.name, slug(alert.name))
  )
    return true;
  const file = decodeURI(url.split(/[?#]/)[0]).split('/').pop()!;
  return existsSync(layout.abs(`${layout.runbooks.dir}/${file}`));
}

export function planAdoption(serviceDir: string): Plan {
  const existing = loadDescriptor(serviceDir);
  const located = locate(serviceDir);
  const descriptor = existing ?? located.descriptor;
  const layout = resolveLayout(serviceDir, descriptor);
  const facts = readFacts(layout);
  const files: PlannedFile[] = [];
  const notes: string[] = [];
  const add = (path: string, content: string, why: string) => {
    const file = layout.abs(path);
    if (!existsSync(file) && !files.some((f) => f.file === file)) files.push({ file, path, content, why });
  };

  if (!existing)
    add(DESCRIPTOR_FILE, renderDescriptor(descriptor), 'the service descriptor: where every artifact lives');
  for (const { role } of BUNDLE_DOCS)
    add(layout.docs.bundle[role], renderDoc(role, layout, facts), `bundle doc ${role}`);
  const summary = layout.abs(layout.docs.summary);
  if (!existsSync(summary))
    add(layout.docs.summary, renderSummary(layout), 'the summary doc linking the bundle');
  else if (!linksEveryDoc(layout, readFileSync(summary, 'utf8'))) {
    notes.push(
      `${layout.docs.summary} is yours: link the 17 bundle docs from it (or set docs.summary in ${DESCRIPTOR_FILE})`,
    );
  }

  for (const alert of facts.alerts) {
    if (hasRunbook(layout, alert)) continue;
    const path = `${layout.runbooks.dir}/${slug(alert.name)}.md`;
    add(path, renderRunbook(alert), `runbook skeleton for alert ${alert.name}`);
    if (!alert.runbookUrl)
      notes.push(`alert ${alert.name} in ${alert.file} has no runbook_url annotation: point it at ${path}`);
  }
  if (facts.problemCodes.length > 0) {
    add(
      layout.errorRegistry,
      renderRegistry(facts.problemCodes, descriptor.org, layout.name),
      `error-code registry from the ${facts.problemCodes.length} problem codes of ${layout.openapi.files[0]}`,
    );
  } else if (!existsSync(layout.abs(layout.errorRegistry))) {
    notes.push(`no problem \`code\` enum in the OpenAPI document: no error registry to derive`);
  }
  add(
    layout.local.conformanceConfig,
    renderConformanceConfig(layout, facts.operations),
    'how the conformance suite reaches this service',
  );
  if (layout.tenancy === 'none')
    notes.push(
      `single-tenant: the conformance suite's tenancy checks cannot pass; list the ones that do not apply under \`skip\` in ${layout.local.conformanceConfig}`,
    );

  const root = repoRoot(layout.root) ?? layout.root;
  const fromRoot = relative(root, layout.root).split(sep).join('/');
  const workflows = join(root, '.github', 'workflows');
  // A workflow of the service's own (.github/ in its folder, as readiness counts it) judges it too.
  const own = join(layout.root, '.github', 'workflows');
  if (!judgedInCi(workflows, layout.name) && !judgedInCi(own, layout.name)) {
    add(
      relative(layout.root, join(workflows, `${layout.name}-readiness.yml`))
        .split(sep)
        .join('/'),
      renderWorkflow(layout, fromRoot),
      'CI: lint and readiness on every change',
    );
  }
  if (layout.slos.every((f) => !existsSync(layout.abs(f))))
    notes.push(`no SLO file: declare SLOs in ${layout.slos[0]} (OpenSLO v1)`);
  return {
    dir: layout.root,
    descriptor,
    descriptorExisted: Boolean(existing),
    found: located.found,
    layout,
    facts,
    files,
    notes,
  };
}
