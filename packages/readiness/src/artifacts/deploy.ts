/**
 * How the service deploys, where its shipshape.yaml says: a Helm chart (`deploy.helm`, default helm/<name>) or
 * plain Kubernetes manifests (`deploy.manifests`, files or folders) when the descriptor names manifests and no
 * chart. The deploy gates (ops.helm_chart, obs.traces, obs.health_probes) judge whichever it is.
 */
import { dirname, join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { EvalContext } from '../context.js';
import { declared, origin } from '../layout.js';
import { isDir, isFile, listFiles, readText } from './files.js';

const YAML_FILE = /\.(ya?ml)$/i;

/** One Kubernetes object of a manifest file. */
export interface K8sObject {
  /** The manifest file, relative to the service. */
  file: string;
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: unknown; annotations?: Record<string, unknown> };
  spec?: Record<string, unknown>;
}

export type Deployment =
  | { kind: 'none'; reason: string }
  /** `chart` relative to the service; `files` every file of the chart (absolute). */
  | { kind: 'helm'; chart: string; origin: string; files: string[] }
  /** `files` the manifest files (absolute); `objects` what they hold; `unreadable` files that are not YAML. */
  | {
      kind: 'manifests';
      where: string;
      origin: string;
      files: string[];
      objects: K8sObject[];
      unreadable: string[];
    };

/** Where the service's chart or manifests are, or why there is none, as the layout says. */
export async function readDeployment(ctx: EvalContext): Promise<Deployment> {
  const { layout } = ctx;
  const { helm, manifests } = layout.deploy;
  if (helm) {
    const helmOrigin = origin(layout, 'deploy.helm', 'helm/<name>');
    const chart = await findChart(ctx, helm);
    if (chart) {
      return { kind: 'helm', chart: ctx.rel(chart), origin: helmOrigin, files: await listFiles(chart) };
    }
    if (manifests.length === 0)
      return { kind: 'none', reason: `no Helm chart at ${helm}/Chart.yaml (${helmOrigin})` };
  }
  if (manifests.length > 0) {
    const files = await manifestFiles(ctx, manifests);
    const manifestsOrigin = origin(layout, 'deploy.manifests', 'none');
    if (files.length === 0)
      return {
        kind: 'none',
        reason: `no Kubernetes manifest at ${manifests.join(', ')} (${manifestsOrigin})`,
      };
    const objects: K8sObject[] = [];
    const unreadable: string[] = [];
    for (const file of files) {
      const docs = parseAllDocuments((await readText(file)) ?? '');
      if (docs.some((d) => d.errors.length > 0)) {
        unreadable.push(ctx.rel(file));
        continue;
      }
      for (const value of docs.map((d) => d.toJS() as unknown)) {
        if (value && typeof value === 'object' && !Array.isArray(value))
          objects.push({ ...(value as Omit<K8sObject, 'file'>), file: ctx.rel(file) });
      }
    }
    return {
      kind: 'manifests',
      where: manifests.join(', '),
      origin: manifestsOrigin,
      files,
      objects,
      unreadable,
    };
  }
  return { kind: 'none', reason: 'shipshape.yaml names neither deploy.helm nor deploy.manifests' };
}

/**
 * The chart folder: the one the descriptor names, or — when it names none — helm/<name>, else the first chart
 * under helm/ (a generated service's folder may be named otherwise than its chart).
 */
async function findChart(ctx: EvalContext, helm: string): Promise<string | undefined> {
  const dir = ctx.layout.abs(helm);
  if (isFile(join(dir, 'Chart.yaml'))) return dir;
  const base = declared(ctx.layout, 'deploy.helm') ? dir : dirname(dir);
  if (!isDir(base)) return undefined;
  const charts = await listFiles(base, (n) => n === 'Chart.yaml');
  return charts.length ? resolve(charts[0], '..') : undefined;
}

/** The YAML files the `deploy.manifests` locations name (a folder: every YAML file under it), absolute. */
async function manifestFiles(ctx: EvalContext, locations: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const location of locations) {
    const full = ctx.layout.abs(location);
    if (isDir(full)) out.push(...(await listFiles(full, (n) => YAML_FILE.test(n))));
    else if (isFile(full)) out.push(full);
  }
  return [...new Set(out)];
}

/** Every file of the chart or the manifests as one text (empty when there is none), and what to call it. */
export async function deployText(ctx: EvalContext): Promise<{ text: string; where?: string }> {
  const deployment = await readDeployment(ctx);
  if (deployment.kind === 'none') return { text: '' };
  const texts = await Promise.all(deployment.files.map((f) => readText(f)));
  return {
    text: texts.join('\n'),
    where: deployment.kind === 'helm' ? deployment.chart : deployment.where,
  };
}

/** The path part of the descriptor's health URL (`local.healthUrl`, default …/health/ready). */
export function readinessPath(ctx: EvalContext): string {
  const url = ctx.layout.local.healthUrl.replace(/\{port\}/g, '0');
  try {
    return new URL(url).pathname;
  } catch {
    return '/health/ready';
  }
}
