/**
 * Defaults and checks of the alert generator. The service's own options come from its manifest; the alert is
 * checked (name, PromQL syntax, duration, severity, SLO) before anything is written, each failure one line.
 */
import { getProjects, joinPathFragments, type Tree } from '@nx/devkit';
import { parser } from '@prometheus-io/lezer-promql';
import { defaultSlos, names, runbookPath, runbookUrl, type AlertModel } from '@shipshape/templates';
import { fromManifest, type NormalizedServiceOptions } from '../../lib/options';
import { MANIFEST_PATH, readManifest } from '../../utils/manifest';
import type { AlertGeneratorSchema } from '../schema';

export interface NormalizedAlertOptions {
  /** The service, as the resource generator normalizes it (from the manifest). */
  service: NormalizedServiceOptions;
  /** The alert to add. */
  alert: AlertModel;
  /** Alerts added earlier by this generator (kept in the manifest), without the new one. */
  added: AlertModel[];
}

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const DURATION = /^([0-9]+(ms|s|m|h|d|w|y))+$/;

/** The first syntax error of a PromQL expression, or undefined when it parses. */
export function promqlError(expr: string): string | undefined {
  let error: string | undefined;
  parser.parse(expr).iterate({
    enter: (node) => {
      if (error === undefined && node.type.isError) {
        const near = expr.slice(node.from, node.from + 20) || 'the end';
        error = `at character ${node.from + 1} (near "${near}")`;
      }
      return error === undefined;
    },
  });
  return error;
}

function oneLine(value: unknown, option: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`--${option} must not be empty`);
  if (/[\r\n]/.test(value)) throw new Error(`--${option} must be one line`);
  return value.trim();
}

export function normalizeOptions(tree: Tree, schema: AlertGeneratorSchema): NormalizedAlertOptions {
  if (typeof schema.name !== 'string' || !NAME.test(schema.name)) {
    throw new Error(
      `invalid alert name '${String(schema.name ?? '')}': use lowercase letters, digits and hyphens, such as payments-stuck`,
    );
  }
  if (typeof schema.project !== 'string' || schema.project === '') throw new Error('--project is required');
  const project = getProjects(tree).get(schema.project);
  if (!project) throw new Error(`no project named '${schema.project}' in this workspace`);
  const previous = readManifest(tree, project.root);
  if (!previous) {
    throw new Error(
      `'${schema.project}' is not a Shipshape service (no ${joinPathFragments(project.root, MANIFEST_PATH)})`,
    );
  }
  const { options } = previous;

  const expr = typeof schema.expr === 'string' ? schema.expr.trim() : '';
  if (expr === '') throw new Error('--expr is required: the PromQL expression that fires the alert');
  const syntax = promqlError(expr);
  if (syntax) throw new Error(`--expr is not valid PromQL: syntax error ${syntax}`);
  const duration = schema.for ?? '5m';
  if (!DURATION.test(duration))
    throw new Error(`--for '${duration}' is not a Prometheus duration such as 5m or 1h30m`);
  const severity = schema.severity ?? 'ticket';
  if (severity !== 'page' && severity !== 'ticket') {
    throw new Error(`--severity must be page or ticket, not '${String(severity)}'`);
  }
  const slos = defaultSlos(options.tier).map((s) => s.id);
  if (schema.slo !== undefined && !slos.includes(schema.slo)) {
    throw new Error(`--slo '${schema.slo}' is not an SLO of ${options.name} (${slos.join(', ')})`);
  }

  const service = names(options.name);
  const alertNames = names(schema.name);
  const slug = `${service.fileName}-${alertNames.fileName}`;
  const words = alertNames.fileName.replace(/-/g, ' ');
  const alert: AlertModel = {
    name: `${service.className}${alertNames.className}`,
    slug,
    severity,
    expr,
    for: duration,
    summary: oneLine(schema.summary, 'summary') ?? `${options.name}: ${words}`,
    description:
      oneLine(schema.description, 'description') ??
      `${words.charAt(0).toUpperCase()}${words.slice(1)}: \`${expr.replace(/\s+/g, ' ')}\` has held for ${duration}.`,
    runbook: runbookPath(slug),
    runbookUrl: runbookUrl(project.root, slug),
  };
  if (schema.slo !== undefined) alert.slo = schema.slo;

  return {
    service: fromManifest(
      previous,
      project.root,
      {
        force: schema.force === true,
        skipFormat: schema.skipFormat === true,
      },
      tree,
    ),
    alert,
    added: [...(options.alerts ?? [])],
  };
}
