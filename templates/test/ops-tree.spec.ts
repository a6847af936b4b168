/**
 * ops/alerts.yaml, ops/slos.yaml, ops/dashboards/<name>.json and runbooks/: valid documents, written from the
 * model, one runbook per alert with the seed runbook structure.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { AlertModel } from '../src/index.js';
import { alertGuide, budget, perAlertRenders, sloQuery } from '../src/index.js';
import { renderTree } from '../src/index.js';
import { ordersModel } from './bundle-fixture.js';
import { promqlProblems } from './promql.js';
import { bundleData, renderBundle } from './render-bundle.js';

interface Rule {
  alert: string;
  expr: string;
  for: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

describe.each(['t0', 't1', 't2'] as const)('ops files of a %s service', (tier) => {
  const model = ordersModel(tier);
  const files = renderBundle(model, ['ops', 'runbooks']);

  it('ops/alerts.yaml is a Prometheus rule file with one rule per model alert', () => {
    const doc = parse(files.get('ops/alerts.yaml')!) as { groups: { name: string; rules: Rule[] }[] };
    expect(Object.keys(doc)).toEqual(['groups']);
    const names = doc.groups.map((g) => g.name);
    expect(new Set(names).size).toBe(names.length);
    const rules = doc.groups.flatMap((g) => g.rules);
    expect(rules.map((r) => r.alert)).toEqual(
      [...model.alerts.filter((a) => a.slo), ...model.alerts.filter((a) => !a.slo)].map((a) => a.name),
    );
    for (const rule of rules) {
      const alert = model.alerts.find((a) => a.name === rule.alert)!;
      expect(Object.keys(rule).sort()).toEqual(['alert', 'annotations', 'expr', 'for', 'labels']);
      expect(rule.expr).toBe(alert.expr);
      expect(promqlProblems(rule.expr), rule.alert).toEqual([]);
      expect(rule.for).toBe(alert.for);
      expect(rule.labels.severity).toBe(alert.severity);
      expect(rule.labels.service).toBe('orders');
      expect(rule.annotations).toEqual({
        summary: alert.summary,
        description: alert.description,
        runbook_url: alert.runbookUrl,
      });
      // The runbook the rule points at is generated.
      expect(files.has(alert.runbook), alert.runbook).toBe(true);
      expect(alert.runbookUrl.endsWith(alert.runbook)).toBe(true);
    }
  });

  it('ops/slos.yaml carries every SLO with its budget, query and alerts', () => {
    const doc = parse(files.get('ops/slos.yaml')!) as {
      service: string;
      tier: string;
      slos: {
        id: string;
        objective: number;
        errorBudget: number;
        window: string;
        sli: string;
        alerts: string[];
        thresholdMs?: number;
      }[];
    };
    expect(doc.service).toBe('orders');
    expect(doc.tier).toBe(tier);
    expect(doc.slos.map((s) => s.id)).toEqual(model.slos.map((s) => s.id));
    for (const s of doc.slos) {
      const slo = model.slos.find((x) => x.id === s.id)!;
      expect(s.objective).toBe(slo.objective);
      expect(s.errorBudget).toBe(budget(slo.objective));
      expect(s.window).toBe(slo.window);
      expect(s.thresholdMs).toBe(slo.thresholdMs);
      expect(s.sli).toBe(sloQuery(model, slo));
      expect(promqlProblems(s.sli)).toEqual([]);
      expect(s.alerts).toEqual(model.alerts.filter((a) => a.slo === s.id).map((a) => a.name));
    }
  });

  it('the dashboard is JSON', () => {
    const d = JSON.parse(files.get('ops/dashboards/orders.json')!) as { uid: string; tags: string[] };
    expect(d.uid).toBe('orders-service');
    expect(d.tags).toContain(tier);
  });

  it('has one runbook per alert, with every seed section, and a disaster-recovery runbook', () => {
    const runbooks = [...files.keys()].filter((f) => f.startsWith('runbooks/'));
    expect(runbooks.sort()).toEqual(
      [...model.alerts.map((a) => a.runbook), 'runbooks/disaster-recovery.md'].sort(),
    );
    for (const a of model.alerts) {
      const rb = files.get(a.runbook)!;
      expect(rb.startsWith(`# Runbook: ${a.name}\n`)).toBe(true);
      const sections = [...rb.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
      expect(sections).toEqual([
        'Symptom',
        'Impact',
        'First checks',
        'Likely causes',
        'Resolution',
        'Escalation',
        'After the incident',
      ]);
      expect(rb).toContain(`**${a.severity}**`);
      // Concrete first checks: PromQL or shell, each in a fenced block.
      const checks = rb.slice(rb.indexOf('## First checks'), rb.indexOf('## Likely causes'));
      expect(checks.match(/```(promql|sh)\n/g)!.length).toBe(alertGuide(model, a)!.checks.length);
      expect(checks.match(/```(promql|sh)\n/g)!.length).toBeGreaterThanOrEqual(2);
      // The rule itself is shown, verbatim, before the sections.
      expect(rb.slice(0, rb.indexOf('## Symptom'))).toContain(`\`\`\`promql\n${a.expr}\n\`\`\``);
      expect(rb).not.toContain('TODO(owner):');
      if (a.slo) expect(rb).toContain('| SLO |');
    }
    const dr = files.get('runbooks/disaster-recovery.md')!;
    for (const t of model.tables) expect(dr).toContain(`select count(*) from ${t.name};`);
    expect(dr).toMatch(/RTO [^*]+\*\*/);
  });
});

describe('a runbook for an alert the alert generator added', () => {
  it('asks the owner for impact, causes and resolution, and keeps the rule', () => {
    const model = ordersModel();
    const custom: AlertModel = {
      name: 'OrdersPaymentsStuck',
      slug: 'orders-payments-stuck',
      severity: 'page',
      expr: 'sum(rate(http_requests_total{service="orders",status_code="502"}[5m])) > 1',
      for: '5m',
      summary: 'orders: payments are stuck',
      description: 'The payment provider answers 502.',
      runbook: 'runbooks/orders-payments-stuck.md',
      runbookUrl: 'services/orders/runbooks/orders-payments-stuck.md',
    };
    const [render] = perAlertRenders(model, bundleData(model), [custom]);
    const [file] = renderTree(render.dir, render.data);
    expect(file.path).toBe(custom.runbook);
    expect(file.content).toContain('The payment provider answers 502.');
    expect(file.content).toContain(custom.expr);
    expect(file.content.split('TODO(owner):').length - 1).toBe(3);
  });
});
