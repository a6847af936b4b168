import { parse } from 'yaml';
import type { EvalContext } from '../context.js';
import { from, paths } from '../layout.js';

export interface AlertRule {
  alert?: string;
  annotations?: { runbook_url?: string };
  /** The rule file it is in (relative to the service). */
  file: string;
}

/**
 * The alert rules of every Prometheus rule file the layout names (`ops.alerts` in shipshape.yaml, default
 * ops/alerts.yaml), or why they cannot be read — a file named there that is missing or not YAML.
 */
export async function readAlerts(ctx: EvalContext): Promise<AlertRule[] | string> {
  const files = ctx.layout.alerts;
  if (files.length === 0) return `no alert rule file (${from(ctx.layout, 'ops.alerts')} names none)`;
  const rules: AlertRule[] = [];
  for (const file of files) {
    const text = await ctx.text(file);
    if (text === undefined) return `${file} is missing (${from(ctx.layout, 'ops.alerts')})`;
    try {
      const doc = parse(text) as { groups?: { rules?: Omit<AlertRule, 'file'>[] }[] };
      rules.push(
        ...(doc?.groups ?? [])
          .flatMap((g) => g?.rules ?? [])
          .filter((r) => typeof r?.alert === 'string')
          .map((r) => ({ ...r, file })),
      );
    } catch {
      return `${file} is not valid YAML`;
    }
  }
  return rules;
}

/** The rule files, for a reason line. */
export const alertFiles = (ctx: EvalContext): string => paths(ctx.layout.alerts);
