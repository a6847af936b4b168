/**
 * ops/alerts.yaml, ops/slos.yaml, ops/dashboards/<name>.json and runbooks/: valid documents, written from the
 * model, one runbook per alert with the seed runbook structure.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import type { AlertModel } from '../src/index.js';
import { alertGuide, perAlertRenders, sloQuery } from '../src/index.js';
import { renderTree } from '../src/index.js';
import { ordersModel } from './bundle-fixture.js';
import { promqlProblems } from './promql.js';
import { bundleData, renderBundle } from './render-bundle.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

/** The OpenSLO v1 schema (templates/ops/schema/openslo-v1.schema.json, written from the spec: no npm package ships it). */
const validateOpenSlo = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(
    readFileSync(join(__dirname, '..', 'ops', 'schema', 'openslo-v1.schema.json'), 'utf8'),
  ) as object,
);

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

  it('ops/slos.yaml is OpenSLO v1: an SLI and an SLO per objective, an AlertPolicy per burn-rate SLO, all schema-valid', () => {
    const docs = parseAllDocuments(files.get('ops/slos.yaml')!).map((d) => {
      expect(d.errors).toEqual([]);
      return d.toJS() as Loose;
    });
    for (const doc of docs) expect(validateOpenSlo(doc), JSON.stringify(validateOpenSlo.errors)).toBe(true);
    const of = (kind: string) => docs.filter((d) => d.kind === kind);
    expect(of('SLO').map((d) => d.metadata.labels['shipshape.dev/slo'])).toEqual(model.slos.map((s) => s.id));
    expect(of('SLI').map((d) => d.metadata.name)).toEqual(model.slos.map((s) => `orders-${s.id}`));
    for (const doc of of('SLO')) {
      const slo = model.slos.find((x) => x.id === doc.metadata.labels['shipshape.dev/slo'])!;
      expect(doc.spec.service).toBe('orders');
      expect(doc.spec.objectives[0].target).toBe(slo.objective);
      expect(doc.spec.timeWindow).toEqual([{ duration: slo.window, isRolling: true }]);
      expect(doc.spec.budgetingMethod).toBe('Occurrences');
      expect(Number(doc.metadata.annotations['shipshape.dev/threshold-ms'] ?? NaN)).toEqual(
        slo.thresholdMs ?? NaN,
      );
      expect(doc.metadata.annotations['shipshape.dev/sli-ratio']).toBe(sloQuery(model, slo));
      const rules = model.alerts.filter((a) => a.slo === slo.id);
      expect(doc.metadata.annotations['shipshape.dev/prometheus-alerts']).toBe(
        rules.map((a) => a.name).join(', '),
      );
      const sli = of('SLI').find((d) => d.metadata.name === doc.spec.indicatorRef)!;
      for (const q of [sli.spec.ratioMetric.good, sli.spec.ratioMetric.total])
        expect(promqlProblems(q.metricSource.spec.query)).toEqual([]);
      const burn = rules.filter((a) => a.burnRate);
      const policy = of('AlertPolicy').find((p) => doc.spec.alertPolicies?.includes(p.metadata.name));
      if (burn.length === 0) expect(policy).toBeUndefined();
      else {
        expect(policy!.spec.conditions.map((c: Loose) => c.metadata.displayName)).toEqual(
          burn.map((a) => a.name),
        );
        for (const [i, a] of burn.entries()) {
          const c = policy!.spec.conditions[i].spec.condition;
          expect(c).toEqual({
            kind: 'burnrate',
            op: 'gte',
            threshold: a.burnRate!.factor,
            lookbackWindow: a.burnRate!.long,
            alertAfter: a.for,
          });
          // the Prometheus rule burns at the same factor over the same two windows
          expect(a.expr).toContain(`(${a.burnRate!.factor} * `);
          expect(a.expr).toContain(`[${a.burnRate!.long}]`);
          expect(a.expr).toContain(`[${a.burnRate!.short}]`);
        }
      }
    }
  });

  it('the OpenSLO schema refuses what the spec refuses', () => {
    const [sli, slo] = parseAllDocuments(files.get('ops/slos.yaml')!).map((d) => d.toJS() as Loose);
    const broken = [
      { ...slo, apiVersion: 'openslo/v2' },
      { ...slo, spec: { ...slo.spec, objectives: [{ target: 1.2 }] } },
      { ...slo, spec: { ...slo.spec, timeWindow: [{ duration: '30 days', isRolling: true }] } },
      { ...slo, spec: { ...slo.spec, budgetingMethod: 'Events' } },
      { ...slo, metadata: { ...slo.metadata, name: 'Orders Availability' } },
      { ...sli, spec: { ratioMetric: { counter: true, good: sli.spec.ratioMetric.good } } },
    ];
    for (const doc of broken) expect(validateOpenSlo(doc), JSON.stringify(doc).slice(0, 120)).toBe(false);
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
