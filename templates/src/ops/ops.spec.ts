import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DURATION_BUCKETS, METRICS } from '@shipshape/contracts';
import { describe, expect, it } from 'vitest';
import { ordersModel } from '../../test/bundle-fixture.js';
import { promqlProblems, promqlMetricNames } from '../../test/promql.js';
import type { Tier } from '../model/types.js';
import {
  alertGuide,
  budget,
  defaultAlerts,
  defaultSlos,
  deployDefaults,
  fill,
  gateCatalog,
  grafanaDashboard,
  headingAnchor,
  kindSlug,
  loadThresholds,
  metricNames,
  metricSelector,
  opsMetrics,
  percent,
  perAlertRenders,
  readinessLevels,
  routeTemplate,
  runbookUrl,
  seconds,
  sloQuery,
  targetLevel,
} from '../index.js';

const TIERS: Tier[] = ['t0', 't1', 't2'];
const runtimeMetricsSource = readFileSync(
  join(__dirname, '..', '..', '..', 'packages', 'runtime', 'src', 'metrics', 'metrics.ts'),
  'utf8',
);

describe('the PromQL checks the specs rely on', () => {
  it('find metric names and syntax errors', () => {
    expect(promqlMetricNames('sum(rate(foo_total{a="b"}[5m])) / on() bar')).toEqual(['foo_total', 'bar']);
    expect(promqlProblems('sum(rate(foo_total{a="b"}[5m]))')).toEqual([]);
    expect(promqlProblems('sum(rate(foo_total{a="b"[5m]))')).not.toEqual([]);
  });
});

describe('fill', () => {
  it('replaces dotted and hyphenated paths', () => {
    expect(
      fill('${a} ${b.c} ${slo.latency-p99.x}', { a: 1, b: { c: 'two' }, slo: { 'latency-p99': { x: 3 } } }),
    ).toBe('1 two 3');
  });
  it('throws on an unknown placeholder instead of writing undefined', () => {
    expect(() => fill('${nope}', {})).toThrow('unknown placeholder ${nope}');
    expect(() => fill('${a.b}', { a: 'x' })).toThrow('${a.b}');
  });
  it("leaves Prometheus' own templates alone", () => {
    expect(fill('{{ $value | humanizePercentage }} ${a}', { a: 'x' })).toBe(
      '{{ $value | humanizePercentage }} x',
    );
  });
});

describe('number formatting', () => {
  it('writes Prometheus seconds literals and budgets without float noise', () => {
    expect(seconds(250)).toBe('0.25');
    expect(seconds(1000)).toBe('1');
    expect(budget(0.999)).toBe(0.001);
    expect(budget(0.9995)).toBe(0.0005);
    expect(percent(0.9995)).toBe('99.95 %');
  });
});

// The runtime registers exactly the contracts' catalog (packages/runtime/src/metrics/catalog.spec.ts); the
// templates query the same catalog, so an alert cannot name a metric the runtime does not expose.
describe("the ops metrics are the contracts' metric catalog", () => {
  it('names, types and labels every metric of the catalog', () => {
    expect(opsMetrics().map((m) => [m.key, m.name, m.type, m.labels])).toEqual(
      METRICS.map((m) => [m.key, m.name, m.type, [...m.labels]]),
    );
    expect(metricNames().outboxDeadLetter).toBe('outbox_dead_letter_events');
  });
  it('puts every latency threshold on one of the latency buckets', () => {
    for (const tier of TIERS) {
      for (const slo of defaultSlos(tier).filter((s) => s.thresholdMs !== undefined)) {
        expect(DURATION_BUCKETS, `${tier} ${slo.id}`).toContain(slo.thresholdMs! / 1000);
      }
    }
  });
  it('selects a service by the label the runtime sets on every metric', () => {
    expect(runtimeMetricsSource).toContain('setDefaultLabels({ service: options.serviceName })');
    expect(metricSelector('orders')).toBe('service="orders"');
  });
});

describe('defaultSlos', () => {
  it('has availability, latency p95/p99 and error rate for every tier, stricter for lower tiers', () => {
    const byTier = Object.fromEntries(TIERS.map((t) => [t, defaultSlos(t, 'orders')]));
    for (const t of TIERS) {
      expect(byTier[t].map((s) => s.id)).toEqual([
        'availability',
        'latency-p95',
        'latency-p99',
        'error-rate',
      ]);
      for (const s of byTier[t]) {
        expect(s.objective).toBeGreaterThan(0.9);
        expect(s.objective).toBeLessThan(1);
      }
    }
    const obj = (t: Tier, id: string) => byTier[t].find((s) => s.id === id)!.objective;
    expect(obj('t0', 'availability')).toBeGreaterThan(obj('t1', 'availability'));
    expect(obj('t1', 'availability')).toBeGreaterThan(obj('t2', 'availability'));
    const p99 = (t: Tier) => byTier[t].find((s) => s.id === 'latency-p99')!.thresholdMs!;
    expect(p99('t0')).toBeLessThan(p99('t2'));
  });
  it('writes SLI queries scoped to the service that parse as PromQL', () => {
    for (const slo of defaultSlos('t1', 'orders')) {
      expect(slo.sli).toContain('service="orders"');
      expect(promqlProblems(slo.sli), slo.id).toEqual([]);
      expect(slo.sli).toContain(`[${slo.window}]`);
    }
    const p95 = defaultSlos('t1', 'orders').find((s) => s.id === 'latency-p95')!;
    expect(p95.sli).toContain(`le="${seconds(p95.thresholdMs!)}"`);
  });
  it('falls back to prose without a service name, and sloQuery still writes the query', () => {
    const slo = defaultSlos('t1')[0];
    expect(slo.sli).toBe(slo.description);
    expect(sloQuery({ name: 'orders', tier: 't1' }, slo)).toContain('http_requests_total{service="orders"');
  });
});

describe('defaultAlerts', () => {
  it.each(TIERS)('writes valid, unique, fully filled rules for tier %s', (tier) => {
    const model = ordersModel(tier);
    const alerts = defaultAlerts(model);
    expect(alerts.length).toBeGreaterThanOrEqual(10);
    expect(new Set(alerts.map((a) => a.name)).size).toBe(alerts.length);
    expect(new Set(alerts.map((a) => a.slug)).size).toBe(alerts.length);
    const known = new Set([
      ...Object.values(metricNames()),
      'up',
      'kube_deployment_status_replicas_available',
    ]);
    for (const a of alerts) {
      expect(a.name).toMatch(/^Orders[A-Z][A-Za-z0-9]+$/);
      expect(a.slug).toMatch(/^orders-[a-z0-9-]+$/);
      expect(a.runbook).toBe(`runbooks/${a.slug}.md`);
      expect(a.runbookUrl).toBe(`services/orders/runbooks/${a.slug}.md`);
      expect(a.for).toMatch(/^\d+[smh]$/);
      expect(promqlProblems(a.expr), a.name).toEqual([]);
      for (const metric of promqlMetricNames(a.expr)) {
        expect(known.has(metric.replace(/_(bucket|count|sum)$/, '')), `${a.name} queries ${metric}`).toBe(
          true,
        );
      }
      // Scoped to the service: its own label, or the Helm release's full name (`up`, the Deployment).
      expect(a.expr).toMatch(/service="orders"|service=~"\(\.\+-\)\?orders"/);
      for (const text of [a.expr, a.summary, a.description]) expect(text).not.toMatch(/\$\{|undefined|NaN/);
      if (a.slo) expect(model.slos.map((s) => s.id)).toContain(a.slo);
    }
  });
  it('pages on fast burn for t0/t1 but only tickets for t2; scales latency with the SLO', () => {
    const sev = (tier: Tier, name: string) => defaultAlerts(ordersModel(tier)).find((a) => a.name === name)!;
    expect(sev('t0', 'OrdersErrorBudgetBurnFast').severity).toBe('page');
    expect(sev('t2', 'OrdersErrorBudgetBurnFast').severity).toBe('ticket');
    expect(sev('t0', 'OrdersHighLatencyP99').severity).toBe('page');
    const t1 = ordersModel('t1');
    const threshold = t1.slos.find((s) => s.id === 'latency-p99')!.thresholdMs! / 1000;
    expect(sev('t1', 'OrdersHighLatencyP99').expr).toMatch(new RegExp(`> ${threshold}$`));
    const budgetT0 = budget(ordersModel('t0').slos.find((s) => s.id === 'availability')!.objective);
    expect(sev('t0', 'OrdersErrorBudgetBurnFast').expr).toContain(`(14.4 * ${budgetT0})`);
  });
  it('covers the default failure modes', () => {
    const names = defaultAlerts(ordersModel()).map((a) => a.name);
    for (const kind of [
      'ErrorBudgetBurnFast',
      'ErrorBudgetBurnSlow',
      'HighErrorRate',
      'HighLatencyP99',
      'NotReady',
      'OutboxBacklog',
      'OutboxStalled',
      'OutboxDeadLetter',
      'IdempotencyConflictsSpike',
      'DbPoolSaturation',
    ]) {
      expect(names).toContain(`Orders${kind}`);
    }
  });
  it('derives slugs and runbook URLs', () => {
    expect(kindSlug('ErrorBudgetBurnFast')).toBe('error-budget-burn-fast');
    expect(kindSlug('HighLatencyP99')).toBe('high-latency-p99');
    expect(kindSlug('DbPoolSaturation')).toBe('db-pool-saturation');
    expect(runbookUrl('services/orders/', 'x')).toBe('services/orders/runbooks/x.md');
  });
});

describe('alertGuide', () => {
  it('fills the guide of every default alert and has none for a custom one', () => {
    const model = ordersModel();
    for (const a of model.alerts) {
      const guide = alertGuide(model, a)!;
      expect(guide, a.name).toBeDefined();
      expect(guide.checks.length).toBeGreaterThanOrEqual(2);
      expect(guide.causes.length).toBeGreaterThanOrEqual(2);
      expect(guide.resolution.length).toBeGreaterThanOrEqual(1);
      // An unfilled placeholder (`${a.b}`), not a shell default like `${DATABASE_MIGRATION_URL:-$DATABASE_URL}`.
      expect(JSON.stringify(guide)).not.toMatch(/\$\{[\w.-]+\}|undefined/);
      for (const c of guide.checks) {
        expect(Boolean(c.promql) !== Boolean(c.command), `${a.name}: ${c.title}`).toBe(true);
        if (c.promql) expect(promqlProblems(c.promql), `${a.name}: ${c.title}`).toEqual([]);
      }
    }
    expect(alertGuide(model, { name: 'OrdersPaymentsStuck' })).toBeUndefined();
  });
});

describe('deploy, gates, thresholds', () => {
  it('has deploy defaults per tier with more redundancy for t0', () => {
    expect(deployDefaults('t0').minReplicas).toBeGreaterThan(deployDefaults('t2').minReplicas);
    expect(deployDefaults('t0').pdbMinAvailable).toBeLessThan(deployDefaults('t0').minReplicas);
    for (const t of TIERS)
      expect(deployDefaults(t).maxReplicas).toBeGreaterThanOrEqual(deployDefaults(t).minReplicas);
  });
  it('uses the seed gate ids and levels L0–L5', () => {
    const ids = gateCatalog().flatMap((g) => g.gates.map((x) => x.id));
    for (const id of [
      'docs.bundle_complete',
      'api.idempotency',
      'data.rls_enabled',
      'obs.runbooks',
      'perf.load_baseline_recorded',
    ]) {
      expect(ids).toContain(id);
    }
    for (const g of gateCatalog())
      for (const gate of g.gates) expect(gate.id.startsWith(`${g.id}.`)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(readinessLevels().map((l) => l.id)).toEqual(['L0', 'L1', 'L2', 'L3', 'L4', 'L5']);
    expect(TIERS.map(targetLevel)).toEqual(['L4', 'L4', 'L3']);
    // The readiness evaluator's own catalog, not a copy: the same number of gates as its file.
    const file = readFileSync(require.resolve('@shipshape/contracts/gates.yaml'), 'utf8');
    expect(ids.length).toBe(file.match(/^ {6}- id: /gm)!.length);
  });
  it('takes load thresholds from the SLOs', () => {
    expect(loadThresholds(ordersModel('t1'))).toEqual({ p95Ms: 250, p99Ms: 1000, maxErrorRate: 0.005 });
  });
  it('makes GitHub heading anchors and Fastify route templates', () => {
    expect(headingAnchor('9. Load baseline')).toBe('9-load-baseline');
    expect(headingAnchor('acme.orders.order.created.v1')).toBe('acmeordersordercreatedv1');
    expect(headingAnchor('shipshape_audit_log')).toBe('shipshape_audit_log');
    expect(routeTemplate('/api/v1/orders/{orderId}')).toBe('/api/v1/orders/:orderId');
  });
});

describe('grafanaDashboard', () => {
  it('is a Grafana dashboard with RED, SLO, tenancy, idempotency and dependency panels', () => {
    const model = ordersModel();
    const d = grafanaDashboard(model) as {
      uid: string;
      panels: {
        id: number;
        type: string;
        title: string;
        gridPos: { x: number; y: number; w: number; h: number };
        targets?: { expr: string }[];
      }[];
    };
    expect(d.uid).toBe('orders-service');
    const ids = d.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const rows = d.panels.filter((p) => p.type === 'row').map((p) => p.title);
    expect(rows).toEqual([
      'Traffic (RED)',
      'SLOs',
      'Tenancy and auth',
      'Idempotency',
      'Dependencies',
      'Outbox',
      'Process',
    ]);
    // No two panels overlap on the 24-column grid.
    const cells = new Set<string>();
    for (const p of d.panels) {
      expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
      for (let x = p.gridPos.x; x < p.gridPos.x + p.gridPos.w; x++) {
        for (let y = p.gridPos.y; y < p.gridPos.y + p.gridPos.h; y++) {
          expect(cells.has(`${x},${y}`), `${p.title} overlaps at ${x},${y}`).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
    const known = new Set(Object.values(metricNames()));
    for (const p of d.panels.filter((x) => x.targets)) {
      for (const t of p.targets!) {
        const expr = t.expr.replace(/\$__rate_interval/g, '5m');
        expect(promqlProblems(expr), `${p.title}: ${t.expr}`).toEqual([]);
        expect(t.expr).toContain('service="orders"');
        for (const metric of promqlMetricNames(expr)) {
          expect(known.has(metric.replace(/_(bucket|count|sum)$/, '')), `${p.title} queries ${metric}`).toBe(
            true,
          );
        }
      }
    }
    expect(d.panels.filter((p) => p.type === 'stat')).toHaveLength(model.slos.length);
  });
});

describe('perAlertRenders', () => {
  it('renders the per-alert tree once per alert with the alert, its guide and the file-name slug', () => {
    const model = ordersModel();
    const renders = perAlertRenders(model, { base: true });
    expect(renders).toHaveLength(model.alerts.length);
    for (const [i, r] of renders.entries()) {
      expect(r.dir).toMatch(/runbooks[\\/]alert[\\/]files$/);
      expect(r.data.alert).toBe(model.alerts[i]);
      expect(r.data.alertSlug).toBe(model.alerts[i].slug);
      expect(r.data.guide).toBeDefined();
      expect(r.data.base).toBe(true);
    }
  });
});
