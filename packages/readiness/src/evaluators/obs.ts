import { basename, join, resolve } from 'node:path';
import { deployText, readinessPath } from '../artifacts/deploy.js';
import { isFile, listFiles, readText } from '../artifacts/files.js';
import { declared, from } from '../layout.js';
import { hasContent, parseMarkdown, sectionText } from '../artifacts/markdown.js';
import { alertFiles, readAlerts } from '../artifacts/alerts.js';
import type { EvalContext } from '../context.js';
import type { Evidence, Verdict } from '../types.js';
import {
  amber,
  combine,
  few,
  fromConformance,
  fromLint,
  green,
  plural,
  red,
  type Evaluator,
} from './support.js';

/**
 * obs.logs (L2): the service's own code is built on the runtime (its pino logger with redaction); a dependency
 * named in package.json proves nothing by itself. A logger of its own, or console output, bypasses redaction.
 */
export const logs: Evaluator = async (ctx) => {
  const pkg = (await ctx.packageJson()) ?? {};
  const deps = { ...(pkg.dependencies as object) } as Record<string, string>;
  const sources = await ctx.sources();
  const uses = sources.flatMap((s) =>
    s.imports.filter((i) => i.module === '@shipshape/runtime').map((i) => `${s.file}:${i.line}`),
  );
  const ownLoggers = sources.flatMap((s) =>
    s.imports
      .filter((i) => /^(pino|winston|bunyan|loglevel|log4js)(\/|$)/.test(i.module))
      .map((i) => `${s.file}:${i.line} ${i.module}`),
  );
  const evidence: Evidence[] = uses.map((ref) => ({
    kind: 'file',
    ref,
    detail: 'imports @shipshape/runtime',
  }));
  let base: Verdict;
  if (!deps['@shipshape/runtime']) {
    base = amber(
      'no @shipshape/runtime dependency: structured logs with redaction are not evidenced',
      evidence,
    );
  } else if (uses.length === 0) {
    base = amber('package.json names @shipshape/runtime but no file of src/ imports it', evidence);
  } else if (ownLoggers.length) {
    base = amber(`a logger of its own bypasses the runtime's redaction: ${few(ownLoggers)}`, [
      ...evidence,
      ...ownLoggers.map((l) => ({ kind: 'file' as const, ref: l.split(' ')[0], detail: l.split(' ')[1] })),
    ]);
  } else {
    base = green(`structured JSON logs with redaction from @shipshape/runtime (${few(uses, 2)})`, evidence);
  }
  const consoles = sources.flatMap((s) =>
    s.consoleCalls.map((c) => `${s.file}:${c.line} console.${c.method}`),
  );
  if (consoles.length > 0) {
    return combine([
      base,
      amber(
        `console output bypasses structured logging and redaction: ${few(consoles)}`,
        consoles.map((c) => ({ kind: 'file' as const, ref: c.split(' ')[0], detail: c.split(' ')[1] })),
      ),
    ]);
  }
  return base;
};

/** obs.metrics (L2): /metrics serves RED metrics (conformance health.metrics). */
export const metrics: Evaluator = (ctx) => fromConformance(ctx, 'obs.metrics');

/** Where the deploy artifacts come from, for a reason line. */
const deployOrigin = (ctx: EvalContext) =>
  declared(ctx.layout, 'deploy.manifests')
    ? 'deploy.manifests in shipshape.yaml'
    : from(ctx.layout, 'deploy.helm');

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * obs.traces (L2): traceparent propagated (conformance tracing.*) and the OTLP exporter configured in what the
 * service deploys with (its chart, or the Kubernetes manifests shipshape.yaml names instead).
 */
export const traces: Evaluator = async (ctx) => {
  const wire = await fromConformance(ctx, 'api.tracing');
  const { text, where: chart } = await deployText(ctx);
  const exporter = !chart
    ? amber(`no Helm chart or manifests to configure the OTLP exporter in (${deployOrigin(ctx)})`)
    : /OTEL_EXPORTER_OTLP_(TRACES_)?ENDPOINT/.test(text)
      ? green(`OTLP exporter configured in ${chart}`, [
          { kind: 'file', ref: chart, detail: 'OTEL_EXPORTER_OTLP_ENDPOINT' },
        ])
      : amber(`${chart} sets no OTEL_EXPORTER_OTLP_ENDPOINT`, [{ kind: 'file', ref: chart }]);
  return combine([wire, exporter]);
};

/**
 * obs.health_probes (L2): the probes answer (conformance health.*) and the chart (or the manifests) points its
 * probes at them: the readiness probe at the path of the descriptor's health URL (`local.healthUrl`, default
 * /health/ready), a liveness probe — at /health/live beside the runtime's /health/ready, anywhere otherwise.
 */
export const healthProbes: Evaluator = async (ctx) => {
  const wire = await fromConformance(ctx, 'obs.health_probes');
  const { text, where: chart } = await deployText(ctx);
  if (!chart)
    return combine([
      wire,
      amber(`no Helm chart or manifests whose probes could be checked (${deployOrigin(ctx)})`),
    ]);
  const ready = readinessPath(ctx);
  const live = ready === '/health/ready' ? '/health/live' : undefined;
  const pathRe = (path: string) => new RegExp(`${escape(path)}(?![\\w/-])`);
  const missing = [
    ...(/livenessProbe/.test(text) && (!live || pathRe(live).test(text))
      ? []
      : [live ? `livenessProbe → ${live}` : 'livenessProbe']),
    ...(/readinessProbe/.test(text) && pathRe(ready).test(text) ? [] : [`readinessProbe → ${ready}`]),
  ];
  const probes = missing.length
    ? red(`${chart} lacks ${missing.join(' and ')}`, [{ kind: 'file', ref: chart }])
    : green(`${chart} probes ${live ?? 'liveness'} and ${ready}`, [
        { kind: 'file', ref: chart, detail: 'liveness + readiness probes' },
      ]);
  return combine([wire, probes]);
};

interface Panel {
  title?: string;
  targets?: { expr?: string }[];
  panels?: Panel[];
}

function flattenPanels(panels: Panel[] | undefined): Panel[] {
  return (panels ?? []).flatMap((p) => [p, ...flattenPanels(p.panels)]);
}

/**
 * obs.dashboards (L3): a Grafana dashboard (in `ops.dashboards`) with RED, tenancy and idempotency panels — no
 * tenancy panel for a service whose shipshape.yaml says `data.tenancy: none` (it has no tenant to watch).
 */
export const dashboards: Evaluator = async (ctx) => {
  const folder = ctx.layout.dashboards;
  const files = await listFiles(ctx.layout.abs(folder), (n) => n.endsWith('.json'));
  if (files.length === 0) return red(`no dashboard in ${folder}/ (${from(ctx.layout, 'ops.dashboards')})`);
  const tenancy = ctx.layout.tenancy !== 'none';
  const found = { rate: false, errors: false, duration: false, tenancy: false, idempotency: false };
  const evidence: Evidence[] = [];
  const broken: string[] = [];
  for (const file of files) {
    let dashboard: { title?: string; panels?: Panel[] };
    try {
      dashboard = JSON.parse((await readText(file)) ?? '') as typeof dashboard;
    } catch {
      broken.push(`${ctx.rel(file)} is not valid JSON`);
      continue;
    }
    const panels = flattenPanels(dashboard.panels);
    evidence.push({
      kind: 'file',
      ref: ctx.rel(file),
      detail: `${dashboard.title ?? basename(file)}: ${plural(panels.length, 'panel')}`,
    });
    for (const p of panels) {
      const exprs = (p.targets ?? []).map((t) => t.expr ?? '').join(' ');
      const all = `${p.title ?? ''} ${exprs}`;
      if (/_requests_total|_request_count/.test(exprs) && /rate\(/.test(exprs)) found.rate = true;
      if (/status(_code)?=~?"5/.test(exprs) || /error/i.test(p.title ?? '')) found.errors = true;
      if (/_duration_seconds|latency/i.test(all)) found.duration = true;
      if (/tenan|unauthenticated|forbidden|status(_code)?=~?"40[13]/i.test(all)) found.tenancy = true;
      if (/idempoten/i.test(all)) found.idempotency = true;
    }
  }
  if (broken.length) return red(few(broken), evidence);
  const missing = [
    ...(found.rate && found.errors && found.duration ? [] : ['RED (rate, errors, duration)']),
    ...(found.tenancy || !tenancy ? [] : ['tenancy']),
    ...(found.idempotency ? [] : ['idempotency']),
  ];
  if (missing.length) return red(`no ${missing.join(', ')} panels in ${folder}/`, evidence);
  return green(
    `${plural(files.length, 'dashboard')} with RED, ${tenancy ? 'tenancy' : 'no tenancy panel (data.tenancy: none)'} and idempotency panels`,
    evidence,
  );
};

export { readAlerts };
export { slos } from './slos.js';

/** A command or query a responder can run: a fenced or indented code block, or an inline one that is not a word. */
function hasCommand(text: string): boolean {
  return /^\s*(```|~~~)/m.test(text) || /^( {4}|\t)\S/m.test(text) || /`[^`]*[\s({/=][^`]*`/.test(text);
}

const RUNBOOK_SECTIONS: [string, RegExp][] = [
  ['symptom', /symptom/i],
  ['first checks', /check|diagnos|triage|investigat/i],
  ['causes', /cause/i],
  ['resolution', /resolution|resolve|mitigat|remediat|fix/i],
  ['escalation', /escalat/i],
];

/**
 * Where a `runbook_url` points in this service: repo-root relative, service relative, or a file of the runbooks
 * folder (`runbooks.dir` in shipshape.yaml, default runbooks/) — also when the URL is absolute (a repository
 * browser's or docs site's address whose path ends in that folder, as lint reads it).
 */
export function resolveRunbook(ctx: EvalContext, url: string): { file?: string; local: boolean } {
  let clean = url.split('#')[0];
  const absolute = ABSOLUTE.test(clean);
  if (absolute) {
    try {
      clean = decodeURIComponent(new URL(clean).pathname);
    } catch {
      return { local: false };
    }
  }
  const root = ctx.repoRoot();
  const folder = ctx.layout.runbooks.dir;
  const inFolder = new RegExp(`(^|/)(${escape(basename(ctx.dir))}/)?${escape(folder)}/[^/]+$`).test(clean);
  const candidates = [
    ...(absolute ? [] : [...(root ? [resolve(root, clean)] : []), resolve(ctx.dir, clean)]),
    ...(inFolder ? [join(ctx.layout.abs(folder), basename(clean))] : []),
  ];
  const file = candidates.find((c) => isFile(c));
  return { ...(file ? { file } : {}), local: !absolute || inFolder };
}

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;

/** obs.runbooks (L3): every alert links an existing runbook with symptom, checks, causes, resolution, escalation. */
export const runbooks: Evaluator = async (ctx) => {
  const lint = await fromLint(ctx, 'obs.runbooks');
  const alerts = await readAlerts(ctx);
  if (typeof alerts === 'string') return red(alerts);
  if (alerts.length === 0) return red(`${alertFiles(ctx)} has no alert rule`);
  const missing: string[] = [];
  const external: string[] = [];
  const incomplete: string[] = [];
  const evidence: Evidence[] = [];
  for (const alert of alerts) {
    const url = alert.annotations?.runbook_url;
    if (!url) {
      missing.push(`${alert.alert} (${alert.file}) has no runbook_url`);
      continue;
    }
    const { file, local } = resolveRunbook(ctx, url);
    if (!local) {
      // Published outside the repository (runbooks.urlPattern, a wiki): it cannot be read from here.
      external.push(`${alert.alert} → ${url}`);
      continue;
    }
    if (!file) {
      missing.push(`${alert.alert} → ${url} does not exist`);
      continue;
    }
    const doc = parseMarkdown((await readText(file)) ?? '');
    const lacking: string[] = [];
    for (const [name, re] of RUNBOOK_SECTIONS) {
      const heading = doc.headings.find((h) => re.test(h.text));
      const body = heading ? sectionText(doc, heading) : '';
      if (!heading) lacking.push(name);
      else if (!hasContent(body)) lacking.push(`content under "${heading.text}" (line ${heading.line})`);
      else if (name === 'first checks' && !hasCommand(body))
        lacking.push(`a command or query in "${heading.text}" (line ${heading.line})`);
    }
    evidence.push({
      kind: 'file',
      ref: ctx.rel(file),
      detail: `${alert.alert}${lacking.length ? `: lacks ${lacking.join(', ')}` : ''}`,
    });
    if (lacking.length) incomplete.push(`${ctx.rel(file)} lacks ${lacking.join(', ')}`);
    else if (doc.markers.length)
      incomplete.push(
        `${ctx.rel(file)} has ${plural(doc.markers.length, 'stub marker')} (line ${doc.markers.join(', ')})`,
      );
  }
  const verdicts: Verdict[] = [];
  if (missing.length)
    verdicts.push(red(`${plural(missing.length, 'alert')} without a runbook: ${few(missing, 2)}`, evidence));
  if (incomplete.length) verdicts.push(amber(`incomplete runbooks: ${few(incomplete, 2)}`, evidence));
  if (external.length) verdicts.push(amber(`external runbooks not checked: ${few(external, 2)}`, evidence));
  if (lint) verdicts.push(lint);
  if (!verdicts.some((v) => v.status !== 'GREEN')) {
    return combine([
      green(`${plural(alerts.length, 'alert')}, each with a complete runbook`, evidence),
      ...(lint ? [lint] : []),
    ]);
  }
  return combine(verdicts);
};
