/**
 * PLACEHOLDER written by generator-core so the package builds before generator-bundle lands the real file
 * (generator-bundle owns templates/src/ops.ts: default SLOs per tier and default alerts, read from data files).
 */
import type { AlertModel, ServiceModel, SloModel, Tier } from './model.js';

export function defaultSlos(tier: Tier): SloModel[] {
  const availability = tier === 't0' ? 0.9995 : tier === 't1' ? 0.999 : 0.995;
  return [
    {
      id: 'availability',
      name: 'Availability',
      objective: availability,
      window: '30d',
      sli: 'Share of /api/v1 requests answered without a 5xx.',
      description: 'Requests that do not fail on the server side.',
    },
  ];
}

export function defaultAlerts(model: ServiceModel): AlertModel[] {
  const slug = `${model.name}-high-error-rate`;
  return [
    {
      name: `${model.names.className}HighErrorRate`,
      slug,
      severity: 'page',
      expr: `sum(rate(http_requests_total{service="${model.name}",status_code=~"5.."}[5m])) / sum(rate(http_requests_total{service="${model.name}"}[5m])) > 0.01`,
      for: '5m',
      summary: `${model.name}: more than 1% of requests fail`,
      description: 'The 5xx ratio is above 1% for 5 minutes.',
      runbook: `runbooks/${slug}.md`,
      runbookUrl: `runbooks/${slug}.md`,
      slo: 'availability',
    },
  ];
}
