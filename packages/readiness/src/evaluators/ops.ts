import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { isDir, isFile, listFiles, readText } from '../artifacts/files.js';
import type { Evidence } from '../types.js';
import { few, green, red, type Evaluator } from './support.js';

/** Kubernetes kinds the chart must render (seed 001: PDB, HPA, NetworkPolicy; plus the Deployment itself). */
const KINDS = ['Deployment', 'Service', 'PodDisruptionBudget', 'HorizontalPodAutoscaler', 'NetworkPolicy'];

/**
 * ops.helm_chart (L3): a v2 chart with the workload objects, probes, resources, a values schema, and a `helm test`
 * hook that runs the conformance suite against the release (so a deployed release is verified from the outside).
 */
export const helmChart: Evaluator = async (ctx) => {
  const helm = join(ctx.dir, 'helm');
  const charts = isDir(helm)
    ? (await listFiles(helm, (n) => n === 'Chart.yaml')).map((f) => resolve(f, '..'))
    : [];
  if (charts.length === 0) return red('no Helm chart (helm/<name>/Chart.yaml)');
  const chart = charts[0];
  const rel = ctx.rel(chart);
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
};
