import { alertSlug } from '@shipshape/lint';
import type { AlertFact } from '../inspect/classify.js';
import { TODO } from './markdown.js';

/** `IamHighErrorRate` → `iam-high-error-rate`: the slug lint expects a runbook file to carry (lint's own). */
export const slug = alertSlug;

/** A runbook skeleton with the five sections the readiness evaluator looks for. */
export function renderRunbook(alert: AlertFact): string {
  return `# ${alert.name}

> Written by \`shipshape adopt\` for an alert that had no runbook; complete every ${TODO} line.

Alert rule: \`${alert.file}\`${alert.severity ? `, severity \`${alert.severity}\`` : ''}.

\`\`\`promql
${alert.expr}
\`\`\`

## Symptom

${alert.summary ?? `${TODO} what the person paged sees.`}

## Checks

${TODO} the first three things to look at (dashboards, logs, queries).

## Causes

${TODO} the likely causes, most likely first.

## Resolution

${TODO} the steps that resolve each cause.

## Escalation

${TODO} who to call when the steps above do not help, and when.
`;
}
