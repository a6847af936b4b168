/**
 * The service's Grafana dashboard, written from the model's SLOs and the runtime's metric names (the metric
 * catalog of @shipshape/contracts).
 * Long because a dashboard is long: each panel is a few lines of data.
 */
import type { ServiceModel } from '../model/types.js';
import { metricNames, metricSelector } from './data.js';
import { percent } from './format.js';
import { sloById } from './slos.js';

/** uid of the service's Grafana dashboard (runbooks link it). */
export function dashboardUid(service: string): string {
  return `${service}-service`;
}

interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  [key: string]: unknown;
}

/**
 * The service's Grafana dashboard (schema 39): RED per route, SLOs, tenancy and auth answers, idempotency,
 * the database pool, the outbox (pending, oldest pending age, dead-lettered) and the Node.js process. Every query uses the metric names of the
 * contracts' metric catalog and the service's selector, through a `datasource` variable so it imports into any
 * Grafana.
 */
export function grafanaDashboard(model: Pick<ServiceModel, 'name' | 'tier' | 'slos' | 'owner'>): object {
  const m = metricNames();
  const sel = metricSelector(model.name);
  const api = `${sel},route=~"/api/.*"`;
  const ds = { type: 'prometheus', uid: '${datasource}' };
  const panels: Panel[] = [];
  let y = 0;
  let id = 1;
  const row = (title: string) => {
    panels.push({
      id: id++,
      type: 'row',
      title,
      collapsed: false,
      gridPos: { x: 0, y, w: 24, h: 1 },
      panels: [],
    });
    y += 1;
  };
  const series = (
    title: string,
    targets: { expr: string; legend: string }[],
    opts: { unit?: string; x?: number; w?: number; thresholds?: number[]; description?: string } = {},
  ) => {
    const w = opts.w ?? 12;
    const x = opts.x ?? 0;
    panels.push({
      id: id++,
      type: 'timeseries',
      title,
      description: opts.description ?? '',
      datasource: ds,
      gridPos: { x, y, w, h: 8 },
      fieldConfig: {
        defaults: {
          unit: opts.unit ?? 'short',
          custom: opts.thresholds ? { thresholdsStyle: { mode: 'line' } } : {},
          thresholds: {
            mode: 'absolute',
            steps: [
              { color: 'green', value: null },
              ...(opts.thresholds ?? []).map((value) => ({ color: 'red', value })),
            ],
          },
        },
        overrides: [],
      },
      options: { legend: { displayMode: 'list', placement: 'bottom' }, tooltip: { mode: 'multi' } },
      targets: targets.map((t, i) => ({
        refId: String.fromCharCode(65 + i),
        datasource: ds,
        expr: t.expr,
        legendFormat: t.legend,
      })),
    });
    if (x + w >= 24) y += 8;
  };

  row('Traffic (RED)');
  series(
    'Requests per second by route',
    [
      {
        expr: `sum by (method, route) (rate(${m.requests}{${api}}[$__rate_interval]))`,
        legend: '{{method}} {{route}}',
      },
    ],
    { unit: 'reqps' },
  );
  const availability = sloById(model, 'availability');
  series(
    'Server error ratio (5xx)',
    [
      {
        expr: `sum(rate(${m.requests}{${api},status_code=~"5.."}[$__rate_interval])) / sum(rate(${m.requests}{${api}}[$__rate_interval]))`,
        legend: '5xx ratio',
      },
    ],
    { unit: 'percentunit', x: 12, thresholds: [availability.errorBudget] },
  );
  const p95 = sloById(model, 'latency-p95');
  const p99 = sloById(model, 'latency-p99');
  series(
    'Latency p50 / p95 / p99',
    [0.5, 0.95, 0.99].map((q) => ({
      expr: `histogram_quantile(${q}, sum by (le) (rate(${m.duration}_bucket{${api}}[$__rate_interval])))`,
      legend: `p${Math.round(q * 100)}`,
    })),
    {
      unit: 's',
      thresholds: [p95.thresholdMs, p99.thresholdMs]
        .filter((v): v is number => v !== undefined)
        .map((v) => v / 1000),
      description: `SLO: p95 < ${p95.thresholdMs} ms, p99 < ${p99.thresholdMs} ms`,
    },
  );
  series(
    'p99 latency by route',
    [
      {
        expr: `histogram_quantile(0.99, sum by (le, method, route) (rate(${m.duration}_bucket{${api}}[$__rate_interval])))`,
        legend: '{{method}} {{route}}',
      },
    ],
    { unit: 's', x: 12 },
  );

  row('SLOs');
  const w = Math.floor(24 / model.slos.length);
  model.slos.forEach((slo, i) => {
    panels.push({
      id: id++,
      type: 'stat',
      title: `${slo.name} (${slo.window}, objective ${percent(slo.objective)})`,
      description: slo.description,
      datasource: ds,
      gridPos: { x: i * w, y, w, h: 5 },
      fieldConfig: {
        defaults: {
          unit: 'percentunit',
          decimals: 3,
          thresholds: {
            mode: 'absolute',
            steps: [
              { color: 'red', value: null },
              { color: 'green', value: slo.objective },
            ],
          },
        },
        overrides: [],
      },
      options: {
        reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
        colorMode: 'background',
      },
      targets: [{ refId: 'A', datasource: ds, expr: slo.sli, instant: true }],
    });
  });
  y += 5;

  row('Tenancy and auth');
  series(
    'Unauthenticated, forbidden and not found',
    [
      {
        expr: `sum by (status_code) (rate(${m.requests}{${api},status_code=~"401|403|404"}[$__rate_interval]))`,
        legend: '{{status_code}}',
      },
    ],
    {
      unit: 'reqps',
      description:
        "Another tenant's resource answers 404, exactly like a missing one: a 404 surge from one caller can be a tenant probing ids (see the logs, which carry the tenant).",
    },
  );
  series(
    'Rate limited (429) by route',
    [
      {
        expr: `sum by (route) (rate(${m.requests}{${api},status_code="429"}[$__rate_interval]))`,
        legend: '{{route}}',
      },
    ],
    { unit: 'reqps', x: 12 },
  );

  row('Idempotency');
  series(
    'POSTs, replays and conflicts',
    [
      { expr: `sum(rate(${m.requests}{${api},method="POST"}[$__rate_interval]))`, legend: 'POST' },
      { expr: `sum(rate(${m.idempotencyReplays}{${sel}}[$__rate_interval]))`, legend: 'replayed' },
      {
        expr: `sum by (reason) (rate(${m.idempotencyConflicts}{${sel}}[$__rate_interval]))`,
        legend: 'conflict {{reason}}',
      },
    ],
    { unit: 'reqps' },
  );
  series(
    'Idempotency conflicts by route',
    [
      {
        expr: `sum by (route, reason) (rate(${m.idempotencyConflicts}{${sel}}[$__rate_interval]))`,
        legend: '{{route}} {{reason}}',
      },
    ],
    { unit: 'reqps', x: 12 },
  );

  row('Dependencies');
  series(
    'Database pool connections',
    [{ expr: `max by (state) (${m.dbPool}{${sel}})`, legend: '{{state}}' }],
    { w: 24 },
  );

  row('Outbox');
  series('Events waiting to be published', [{ expr: `max(${m.outboxPending}{${sel}})`, legend: 'pending' }], {
    w: 8,
  });
  series(
    'Oldest pending event age',
    [{ expr: `max(${m.outboxOldestPendingAge}{${sel}})`, legend: 'oldest pending' }],
    {
      unit: 's',
      x: 8,
      w: 8,
      description: 'Grows while the relay does not drain (the OutboxStalled alert).',
    },
  );
  series('Dead-lettered events', [{ expr: `max(${m.outboxDeadLetter}{${sel}})`, legend: 'dead-lettered' }], {
    x: 16,
    w: 8,
    thresholds: [1],
    description: `Events the relay gave up on; each waits for an operator (the OutboxDeadLetter alert, runbooks/${model.name}-outbox-dead-letter.md).`,
  });

  row('Process');
  series('CPU', [{ expr: `rate(${m.cpu}{${sel}}[$__rate_interval])`, legend: '{{instance}}' }], { w: 8 });
  series('Resident memory', [{ expr: `${m.memory}{${sel}}`, legend: '{{instance}}' }], {
    unit: 'bytes',
    x: 8,
    w: 8,
  });
  series('Event-loop lag p99', [{ expr: `${m.eventLoopLag}{${sel}}`, legend: '{{instance}}' }], {
    unit: 's',
    x: 16,
    w: 8,
  });

  return {
    uid: dashboardUid(model.name),
    title: `${model.name} service`,
    description: `RED, SLOs, tenancy, idempotency and dependencies of ${model.name} (tier ${model.tier}, owner ${model.owner}). Generated by Shipshape from ops/slos.yaml and the runtime's metrics.`,
    tags: ['shipshape', model.name, model.tier],
    timezone: 'utc',
    schemaVersion: 39,
    version: 1,
    editable: true,
    graphTooltip: 1,
    time: { from: 'now-6h', to: 'now' },
    refresh: '30s',
    annotations: { list: [] },
    links: [],
    templating: {
      list: [
        {
          name: 'datasource',
          label: 'Prometheus',
          type: 'datasource',
          query: 'prometheus',
          current: {},
          hide: 0,
          refresh: 1,
        },
      ],
    },
    panels,
  };
}
