import { parser } from '@prometheus-io/lezer-promql';
import { access } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { runbookUrl } from '@shipshape/contracts';
import type { FileFindings } from './finding.js';
import { DURATION, isRecord } from './finding.js';

const VALID = 'shipshape-alerts-valid';
const RUNBOOK = 'shipshape-alert-runbook';
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const ALERT_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** `OrdersHighErrorRate` → `orders-high-error-rate` (the generator's runbook slug). */
export function kebab(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .replace(/_/g, '-')
    .toLowerCase();
}

/**
 * The first PromQL syntax error of an expression, or undefined when it parses, with Prometheus' own grammar
 * (@prometheus-io/lezer-promql, the parser of the Prometheus UI).
 */
export function promqlSyntaxError(expr: string): string | undefined {
  let error: string | undefined;
  parser.parse(expr).iterate({
    enter: (node) => {
      if (error !== undefined) return false;
      if (node.type.isError) {
        const near = expr.slice(Math.max(0, node.from - 15), node.to + 15).trim();
        error = `at column ${node.from + 1} near "${near}"`;
        return false;
      }
      return undefined;
    },
  });
  return error;
}

/** Where the runbooks of a service are (its descriptor's `runbooks`, else `runbooks/`). */
export interface RunbookPlace {
  /** Folder relative to the service, e.g. `runbooks` or `ops/runbooks`. */
  dir: string;
  /** Where runbooks are published outside the repository, `{alert}` / `{slug}` filled in. */
  urlPattern?: string;
}

/**
 * Checks a Prometheus rule file and each alert's runbook link. Returns the alert names (the SLO check
 * cross-references them).
 */
export async function checkAlerts(
  value: unknown,
  out: FileFindings,
  serviceDir: string,
  runbooks: RunbookPlace = { dir: 'runbooks' },
): Promise<Set<string>> {
  const names = new Set<string>();
  if (!isRecord(value) || !Array.isArray(value.groups) || value.groups.length === 0) {
    out.add(VALID, 'alert rules must be Prometheus rule groups (`groups:` with at least one group)');
    return names;
  }
  const groupNames = new Set<string>();
  for (const [g, group] of value.groups.entries()) {
    const gp = ['groups', g];
    if (!isRecord(group)) {
      out.add(VALID, 'rule group must be a mapping', gp);
      continue;
    }
    if (typeof group.name !== 'string' || group.name === '')
      out.add(VALID, 'rule group must have a name', gp);
    else if (groupNames.has(group.name))
      out.add(VALID, `rule group name ${group.name} is used twice`, [...gp, 'name']);
    else groupNames.add(group.name);
    if (
      group.interval !== undefined &&
      !(typeof group.interval === 'string' && DURATION.test(group.interval))
    ) {
      out.add(VALID, 'group interval must be a Prometheus duration (e.g. 1m)', [...gp, 'interval']);
    }
    if (!Array.isArray(group.rules) || group.rules.length === 0) {
      out.add(VALID, 'rule group must have rules', gp);
      continue;
    }
    for (const [r, rule] of group.rules.entries()) {
      const rp = [...gp, 'rules', r];
      if (!isRecord(rule)) {
        out.add(VALID, 'rule must be a mapping', rp);
        continue;
      }
      const isAlert = typeof rule.alert === 'string';
      const isRecording = typeof rule.record === 'string';
      if (isAlert === isRecording) {
        out.add(VALID, 'rule must have exactly one of `alert` and `record`', rp);
        continue;
      }
      const syntax = typeof rule.expr === 'string' ? promqlSyntaxError(rule.expr) : undefined;
      if (typeof rule.expr !== 'string' || rule.expr.trim() === '') {
        out.add(VALID, 'rule must have a non-empty `expr`', rp);
      } else if (syntax !== undefined) {
        out.add(VALID, `expr is not valid PromQL: syntax error ${syntax}`, [...rp, 'expr']);
      }
      if (isRecording) {
        if (!METRIC_NAME.test(rule.record as string))
          out.add(VALID, `recording rule name ${rule.record} is not a metric name`, [...rp, 'record']);
        continue;
      }
      const alert = rule.alert as string;
      if (!ALERT_NAME.test(alert))
        out.add(VALID, `alert name ${JSON.stringify(alert)} is not a valid label value name`, [
          ...rp,
          'alert',
        ]);
      if (names.has(alert)) out.add(VALID, `alert ${alert} is defined twice`, [...rp, 'alert']);
      names.add(alert);
      if (rule.for !== undefined && !(typeof rule.for === 'string' && DURATION.test(rule.for))) {
        out.add(VALID, `alert ${alert}: \`for\` must be a Prometheus duration (e.g. 5m)`, [...rp, 'for']);
      }
      const labels = isRecord(rule.labels) ? rule.labels : {};
      if (typeof labels.severity !== 'string' || labels.severity === '') {
        out.add(VALID, `alert ${alert} must have a severity label`, [
          ...rp,
          ...(rule.labels ? ['labels'] : []),
        ]);
      }
      const annotations = isRecord(rule.annotations) ? rule.annotations : {};
      if (typeof annotations.summary !== 'string' || annotations.summary.trim() === '') {
        out.add(VALID, `alert ${alert} must have a summary annotation`, [
          ...rp,
          ...(rule.annotations ? ['annotations'] : []),
        ]);
      }
      await checkRunbook(alert, annotations.runbook_url, [...rp, 'annotations'], out, serviceDir, runbooks);
    }
  }
  return names;
}

async function checkRunbook(
  alert: string,
  url: unknown,
  at: (string | number)[],
  out: FileFindings,
  serviceDir: string,
  runbooks: RunbookPlace,
): Promise<void> {
  if (typeof url !== 'string' || url.trim() === '') {
    out.add(RUNBOOK, `alert ${alert} must have annotations.runbook_url`, at);
    return;
  }
  const where = [...at, 'runbook_url'];
  // Runbooks published outside the repository (a wiki): the URL the descriptor's pattern gives is the runbook.
  if (runbooks.urlPattern && url === runbookUrl(runbooks.urlPattern, alert, kebab(alert))) return;
  let path = url;
  try {
    path = new URL(url).pathname; // an absolute URL (a docs site or a repository browser)
  } catch {
    // not absolute: a path relative to the repository root or the service
  }
  path = decodeURIComponent(path.split(/[?#]/)[0]);
  const file = basename(path);
  const expected = [`${alert}.md`, `${kebab(alert)}.md`];
  const dir = runbooks.dir.replace(/\/+$/, '');
  const inDir = new RegExp(`(^|/)${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/[^/]+\\.md$`);
  if (!inDir.test(path) || !expected.includes(file)) {
    const pattern = runbooks.urlPattern ? ` or ${runbookUrl(runbooks.urlPattern, alert, kebab(alert))}` : '';
    out.add(
      RUNBOOK,
      `alert ${alert}: runbook_url must point at ${dir}/${kebab(alert)}.md${pattern} (got ${url})`,
      where,
    );
    return;
  }
  try {
    await access(join(serviceDir, dir, file));
  } catch {
    out.add(RUNBOOK, `alert ${alert}: runbook ${dir}/${file} does not exist`, where);
  }
}
