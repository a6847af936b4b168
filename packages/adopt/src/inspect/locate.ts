/**
 * Finds where an existing service keeps its artifacts and writes that down as a {@link ServiceDescriptor}:
 * OpenAPI/AsyncAPI documents anywhere in the folder, the SQL migrations folder, Helm charts or plain
 * Kubernetes manifests, Prometheus rule files, SLO files, runbooks, Markdown docs by bundle role, the
 * error registry, the readiness file, and how package.json starts the service.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { BundleRole, ServiceDescriptor } from '@shipshape/contracts';
import { problemCodeEnums } from '@shipshape/lint';
import { alertsOf, classify, parseDocs, probePathOf, type ArtifactKind } from './classify.js';
import { roleOf } from './docs.js';
import { dialectOf, readTables, tenantColumnOf } from './migrations.js';
import { baseOf, dirOf, walk } from './walk.js';

const DNS_LABEL = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
const SPEC = /\.(ya?ml|json)$/i;
const SKIP_JSON =
  /(^|\/)(package(-lock)?\.json|tsconfig[^/]*\.json|conformance\.config\.json|\.eslintrc[^/]*)$/;

export interface Located {
  descriptor: ServiceDescriptor;
  /** One line per finding, for the plan printout. */
  found: string[];
}

const read = (root: string, path: string) => readFileSync(join(root, path), 'utf8');

function pickDir(files: string[], prefer: RegExp): string | undefined {
  const counts = new Map<string, number>();
  for (const f of files) counts.set(dirOf(f), (counts.get(dirOf(f)) ?? 0) + 1);
  return [...counts.entries()].sort(
    (a, b) =>
      Number(prefer.test(b[0])) - Number(prefer.test(a[0])) || b[1] - a[1] || a[0].localeCompare(b[0]),
  )[0]?.[0];
}

function startCommand(pkg: Record<string, unknown> | undefined): string | undefined {
  const scripts = (pkg?.scripts ?? {}) as Record<string, unknown>;
  if (typeof scripts.start === 'string') return 'npm start';
  for (const name of ['serve', 'dev']) if (typeof scripts[name] === 'string') return `npm run ${name}`;
  return undefined;
}

export function locate(root: string): Located {
  const files = walk(root);
  const found: string[] = [];
  const kinds = new Map<ArtifactKind, { path: string; docs: unknown[] }[]>();
  const helmDirs = new Set(files.filter((f) => baseOf(f) === 'Chart.yaml').map(dirOf));
  const insideChart = (f: string) => [...helmDirs].some((d) => f.startsWith(`${d}/`));
  for (const path of files) {
    if (!SPEC.test(path) || SKIP_JSON.test(path)) continue;
    if (insideChart(path) && baseOf(path) !== 'Chart.yaml') continue; // chart templates are not YAML
    const docs = parseDocs(read(root, path));
    if (!docs) continue;
    const kind = classify(path, docs);
    if (kind) (kinds.get(kind) ?? kinds.set(kind, []).get(kind)!).push({ path, docs });
  }
  const of = (k: ArtifactKind) => kinds.get(k) ?? [];
  const pkg = existsSync(join(root, 'package.json'))
    ? (JSON.parse(read(root, 'package.json')) as Record<string, unknown>)
    : undefined;

  const pkgName = typeof pkg?.name === 'string' ? pkg.name.replace(/^@[^/]+\//, '') : undefined;
  const name = pkgName && DNS_LABEL.test(pkgName) ? pkgName : basename(root).toLowerCase();
  const d: ServiceDescriptor = { descriptorVersion: 1, name, adopted: true };

  // Who: org from the problem codes (<ORG>.<SVC>.<CODE>) or the npm scope, owner from the OpenAPI contact.
  const openapi = of('openapi');
  const first = openapi[0]?.docs[0] as Record<string, unknown> | undefined;
  const codes = first ? [...problemCodeEnums(first).keys()] : [];
  const orgFromCodes = codes
    .find((c) => c.split('.').length === 3)
    ?.split('.')[0]
    .toLowerCase();
  const scope = typeof pkg?.name === 'string' ? /^@([^/]+)\//.exec(pkg.name)?.[1] : undefined;
  const org = orgFromCodes ?? scope;
  if (org && DNS_LABEL.test(org)) d.org = org;
  const contact = (first?.info as { contact?: { name?: unknown } } | undefined)?.contact?.name;
  if (typeof contact === 'string' && contact.startsWith('@')) d.owner = contact;

  d.api = { openapi: openapi.map((x) => x.path), asyncapi: of('asyncapi').map((x) => x.path) };
  for (const x of openapi) found.push(`OpenAPI document ${x.path}`);
  for (const x of of('asyncapi')) found.push(`AsyncAPI document ${x.path}`);

  const sql = files.filter((f) => f.endsWith('.sql'));
  const migrationsDir = pickDir(sql, /migrat/);
  if (migrationsDir !== undefined) {
    const inDir = sql.filter((f) => dirOf(f) === migrationsDir);
    const texts = inDir.map((f) => read(root, f));
    const tables = readTables(inDir.map((path, i) => ({ path, text: texts[i] })));
    const tenantColumn = tenantColumnOf(tables);
    d.data = { migrations: migrationsDir || '.', dialect: dialectOf(texts) };
    if (tenantColumn) {
      d.data.tenancy = 'row-level';
      d.data.tenantColumn = tenantColumn;
      const global = tables.filter((t) => !t.columns.includes(tenantColumn)).map((t) => t.name);
      if (global.length > 0) d.data.globalTables = global;
    } else d.data.tenancy = 'none';
    found.push(
      `${inDir.length} SQL migration(s) in ${migrationsDir || '.'}/ (${tables.length} tables, ${tenantColumn ? `tenant column ${tenantColumn}` : 'no tenant column: single-tenant'})`,
    );
  }

  const charts = [...helmDirs].sort();
  const manifests = of('k8s-manifest').map((x) => x.path);
  d.deploy = { ...(charts[0] !== undefined ? { helm: charts[0] } : {}), manifests };
  for (const c of charts) found.push(`Helm chart ${c}/`);
  for (const m of manifests) found.push(`Kubernetes manifest ${m}`);

  const ruleFiles = of('prometheus-rules');
  const alerts = ruleFiles.flatMap((x) => alertsOf(x.path, x.docs[0]));
  // Absent keys keep the generated default (ops/alerts.yaml, ops/slos.yaml): where adopt tells a person to add them.
  d.ops = {
    ...(ruleFiles.length ? { alerts: ruleFiles.map((x) => x.path) } : {}),
    ...(of('slos').length ? { slos: of('slos').map((x) => x.path) } : {}),
  };
  for (const x of ruleFiles)
    found.push(`Prometheus rules ${x.path} (${alertsOf(x.path, x.docs[0]).length} alerts)`);
  for (const x of of('slos')) found.push(`SLOs ${x.path}`);

  // Runbooks: the folder the alerts' runbook_url point into, else any folder named runbooks.
  const markdown = files.filter((f) => /\.md$/i.test(f));
  const linked = alerts
    .map(
      (a) =>
        a.runbookUrl && markdown.find((m) => decodeURI(a.runbookUrl!.split(/[?#]/)[0]).endsWith(`/${m}`)),
    )
    .find(Boolean);
  const runbooksDir = linked
    ? dirOf(linked)
    : pickDir(
        markdown.filter((m) => /(^|\/)runbooks\//.test(m)),
        /runbooks$/,
      );
  if (runbooksDir) {
    d.runbooks = { dir: runbooksDir };
    found.push(`runbooks in ${runbooksDir}/`);
  }

  // Docs: Markdown outside the runbooks, by role; the bundle goes where most of them are.
  const docCandidates = markdown.filter(
    (m) => dirOf(m) !== '' && dirOf(m) !== runbooksDir && !/(^|\/)(CHANGELOG|LICENSE)/i.test(m),
  );
  const docsDir = pickDir(docCandidates, /(^|\/)docs$/) ?? 'docs';
  const bundle: Partial<Record<BundleRole, string>> = {};
  for (const m of docCandidates.filter((f) => dirOf(f) === docsDir)) {
    const role = roleOf(baseOf(m));
    if (role && !bundle[role] && m !== `${docsDir}/${role}.md`) bundle[role] = m;
    if (role) found.push(`${m} plays ${role}`);
  }
  d.docs = { dir: docsDir, ...(Object.keys(bundle).length > 0 ? { bundle } : {}) };

  const registry = files.find((f) => /(^|\/)error[-_]?codes\.ya?ml$/i.test(f));
  if (registry) {
    d.errors = { registry };
    found.push(`error registry ${registry}`);
  }
  const readiness = files.find(
    (f) => /(^|\/)readiness\/[^/]+\.ya?ml$/.test(f) && !f.endsWith('attestations.yaml'),
  );
  if (readiness) {
    d.readiness = { file: readiness };
    const tier = /^tier:\s*(t[012])\s*$/m.exec(read(root, readiness))?.[1];
    if (tier) d.tier = tier as 't0' | 't1' | 't2';
    found.push(`readiness states ${readiness}`);
  }

  const command = startCommand(pkg);
  const probe =
    of('k8s-manifest')
      .map((x) => probePathOf(x.docs))
      .find(Boolean) ??
    charts
      .flatMap((c) => files.filter((f) => f.startsWith(`${c}/templates/`)))
      .map((f) => /readinessProbe:[\s\S]*?path:\s*["']?([^\s"',}]+)/.exec(read(root, f))?.[1])
      .find(Boolean);
  d.local = {
    ...(command ? { command } : {}),
    ...(probe ? { healthUrl: `http://127.0.0.1:{port}${probe}` } : {}),
  };
  if (command) found.push(`starts with \`${command}\`${probe ? `, ready at ${probe}` : ''}`);
  return { descriptor: d, found };
}
