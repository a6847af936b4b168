import { join } from 'node:path';
import { parse } from 'yaml';
import { readDeployment, type K8sObject } from '../artifacts/deploy.js';
import { isFile, listFiles, readText } from '../artifacts/files.js';
import type { EvalContext } from '../context.js';
import type { Evidence, Verdict } from '../types.js';
import { few, green, red, type Evaluator } from './support.js';

/** Kubernetes kinds the chart must render (seed 001: PDB, HPA, NetworkPolicy; plus the Deployment itself). */
const KINDS = ['Deployment', 'Service', 'PodDisruptionBudget', 'HorizontalPodAutoscaler', 'NetworkPolicy'];
/** Workload kinds whose pods must carry probes and resources. */
const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

/**
 * ops.helm_chart (L3): the service deploys with what its descriptor names and that is deployable and verified:
 * a v2 chart (`deploy.helm`) with the workload objects, probes, resources, a values schema, and a `helm test` hook
 * that runs the conformance suite against the release; or, when shipshape.yaml names plain Kubernetes manifests
 * instead (`deploy.manifests`), those manifests judged for the same intent — every object a valid Kubernetes
 * object, the same kinds, probes and resources on every workload container, and a Job or Pod that runs the
 * conformance suite against the deployment (what the `helm test` hook is for a chart).
 */
export const helmChart: Evaluator = async (ctx) => {
  const deployment = await readDeployment(ctx);
  if (deployment.kind === 'none') return red(deployment.reason);
  if (deployment.kind === 'manifests') return judgeManifests(ctx, deployment);
  return judgeChart(ctx, deployment.chart);
};

async function judgeChart(ctx: EvalContext, rel: string): Promise<Verdict> {
  const chart = ctx.layout.abs(rel);
  const problems: string[] = [];
  let meta: { apiVersion?: string; name?: string; version?: string } = {};
  try {
    meta = (parse((await readText(join(chart, 'Chart.yaml'))) ?? '') as typeof meta) ?? {};
  } catch {
    problems.push('Chart.yaml is not valid YAML');
  }
  if (meta.apiVersion !== 'v2') problems.push('Chart.yaml apiVersion is not v2');
  if (!isFile(join(chart, 'values.yaml'))) problems.push('no values.yaml');
  if (!isFile(join(chart, 'values.schema.json'))) problems.push('no values.schema.json');
  const templates = await listFiles(join(chart, 'templates'), (n) => /\.(ya?ml|tpl)$/.test(n));
  const texts = await Promise.all(templates.map(async (f) => ({ f, text: (await readText(f)) ?? '' })));
  const kinds = new Set(texts.flatMap(({ text }) => [...text.matchAll(/^kind:\s*(\w+)/gm)].map((m) => m[1])));
  const missingKinds = KINDS.filter((k) => !kinds.has(k));
  if (missingKinds.length) problems.push(`no ${missingKinds.join(', ')}`);
  const deployment = texts.find(({ text }) => /^kind:\s*Deployment/m.test(text))?.text ?? '';
  for (const [what, re] of [
    ['livenessProbe', /livenessProbe:/],
    ['readinessProbe', /readinessProbe:/],
    ['resources', /resources:/],
  ] as const) {
    if (deployment && !re.test(deployment)) problems.push(`the Deployment has no ${what}`);
  }
  const testHook = texts.find(
    ({ text }) => /helm\.sh\/hook:\s*["']?test\b/.test(text) && /\bconformance\b/.test(text),
  );
  if (!testHook) problems.push('no `helm test` hook that runs the conformance suite (templates/tests/)');
  const evidence: Evidence[] = [
    { kind: 'file', ref: `${rel}/Chart.yaml`, detail: `${meta.name ?? '?'} ${meta.version ?? ''}`.trim() },
    ...texts.map(({ f }) => ({ kind: 'file' as const, ref: ctx.rel(f) })),
  ];
  if (problems.length) return red(`${rel}: ${few(problems, 3)}`, evidence);
  return green(
    `${rel}: ${KINDS.join(', ')}; probes, resources, a values schema and a conformance \`helm test\` hook`,
    evidence,
  );
}

interface Container {
  name?: unknown;
  image?: unknown;
  command?: unknown;
  args?: unknown;
  livenessProbe?: unknown;
  readinessProbe?: unknown;
  resources?: { limits?: unknown; requests?: unknown };
}

/** The containers of a workload, Job or Pod (its pod template's, or its own spec's). */
function containers(o: K8sObject): Container[] {
  const spec = o.spec ?? {};
  const template = (spec.template as { spec?: { containers?: unknown } } | undefined)?.spec;
  const jobTemplate = (
    spec.jobTemplate as { spec?: { template?: { spec?: { containers?: unknown } } } } | undefined
  )?.spec?.template?.spec;
  const list = template?.containers ?? jobTemplate?.containers ?? spec.containers;
  return Array.isArray(list) ? (list as Container[]) : [];
}

async function judgeManifests(
  ctx: EvalContext,
  d: Extract<Awaited<ReturnType<typeof readDeployment>>, { kind: 'manifests' }>,
): Promise<Verdict> {
  const problems: string[] = d.unreadable.map((f) => `${f} is not valid YAML`);
  const invalid = d.objects.filter(
    (o) =>
      typeof o.apiVersion !== 'string' || typeof o.kind !== 'string' || typeof o.metadata?.name !== 'string',
  );
  if (invalid.length)
    problems.push(
      `${invalid.map((o) => o.file).join(', ')}: an object without apiVersion, kind or metadata.name`,
    );
  const kinds = new Set(d.objects.map((o) => String(o.kind)));
  const missingKinds = KINDS.filter((k) => !kinds.has(k));
  if (missingKinds.length) problems.push(`no ${missingKinds.join(', ')}`);
  for (const workload of d.objects.filter((o) => WORKLOADS.has(String(o.kind)))) {
    const name = `${String(workload.kind)} ${String(workload.metadata?.name)}`;
    const list = containers(workload);
    if (list.length === 0) problems.push(`${name} has no container`);
    for (const c of list) {
      const lacking = [
        ...(c.livenessProbe ? [] : ['livenessProbe']),
        ...(c.readinessProbe ? [] : ['readinessProbe']),
        ...(c.resources?.limits || c.resources?.requests ? [] : ['resources']),
      ];
      if (lacking.length) problems.push(`${name} container ${String(c.name)} has no ${lacking.join(', ')}`);
    }
  }
  const verifier = d.objects.find(
    (o) =>
      (o.kind === 'Job' || o.kind === 'Pod' || o.kind === 'CronJob') &&
      containers(o).some((c) => /\bconformance\b/.test(JSON.stringify([c.image, c.command, c.args]))),
  );
  if (!verifier)
    problems.push(
      'no Job or Pod that runs the conformance suite against the deployment (what a `helm test` hook is for a chart)',
    );
  const evidence: Evidence[] = d.files.map((f) => ({
    kind: 'file' as const,
    ref: ctx.rel(f),
    detail: [...new Set(d.objects.filter((o) => o.file === ctx.rel(f)).map((o) => String(o.kind)))].join(
      ', ',
    ),
  }));
  const where = `${d.where} (plain Kubernetes manifests, ${d.origin})`;
  if (problems.length) return red(`${where}: ${few(problems, 3)}`, evidence);
  return green(
    `${where}: ${KINDS.join(', ')}; probes and resources on every container, a conformance Job against the deployment`,
    evidence,
  );
}
