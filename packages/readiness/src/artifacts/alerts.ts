import { parse } from 'yaml';
import type { EvalContext } from '../context.js';

export interface AlertRule {
  alert?: string;
  annotations?: { runbook_url?: string };
}

/** ops/alerts.yaml's alert rules, or why they cannot be read. */
export async function readAlerts(ctx: EvalContext): Promise<AlertRule[] | string> {
  const text = await ctx.text('ops/alerts.yaml');
  if (text === undefined) return 'ops/alerts.yaml is missing';
  try {
    const doc = parse(text) as { groups?: { rules?: AlertRule[] }[] };
    return (doc?.groups ?? []).flatMap((g) => g?.rules ?? []).filter((r) => typeof r?.alert === 'string');
  } catch {
    return 'ops/alerts.yaml is not valid YAML';
  }
}
