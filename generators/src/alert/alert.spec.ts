import { writeJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { resourceGenerator } from '../resource/resource';
import { serviceGenerator } from '../service/service';
import { readManifest, sha256 } from '../utils/manifest';
import { alertGenerator } from './alert';
import type { AlertGeneratorSchema } from './schema';

const DIR = 'services/orders';
const EXPR = 'sum(rate(http_requests_total{service="orders",status_code="502"}[5m])) > 1';

interface Rule {
  alert: string;
  expr: string;
  for: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

const read = (tree: Tree, path: string) => tree.read(`${DIR}/${path}`, 'utf-8') ?? '';
const rules = (tree: Tree) =>
  (parse(read(tree, 'ops/alerts.yaml')) as { groups: { name: string; rules: Rule[] }[] }).groups.flatMap(
    (g) => g.rules.map((r) => ({ ...r, group: g.name })),
  );
const add = (tree: Tree, extra: Partial<AlertGeneratorSchema> = {}) =>
  alertGenerator(tree, { name: 'payments-stuck', project: 'orders', expr: EXPR, skipFormat: true, ...extra });

/** Every file of the service with its content, to prove a refused run wrote nothing. */
function snapshot(tree: Tree): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const child of tree.children(dir)) {
      const path = `${dir}/${child}`;
      if (tree.isFile(path)) files.set(path, tree.read(path, 'utf-8') ?? '');
      else walk(path);
    }
  };
  walk(DIR);
  return files;
}

describe('alert generator', () => {
  let tree: Tree;
  beforeEach(async () => {
    tree = createTreeWithEmptyWorkspace();
    writeJson(tree, 'package.json', { name: 'workspace', private: true });
    await serviceGenerator(tree, { name: 'orders', resource: 'order', skipFormat: true, skipInstall: true });
  });

  describe('name, expr, severity, for', () => {
    it('adds the rule to ops/alerts.yaml with its runbook_url', async () => {
      const before = rules(tree).length;
      await add(tree, { severity: 'page', for: '10m' });
      const all = rules(tree);
      expect(all).toHaveLength(before + 1);
      const rule = all.find((r) => r.alert === 'OrdersPaymentsStuck')!;
      expect(rule).toMatchObject({
        group: 'orders.service',
        expr: EXPR,
        for: '10m',
        labels: { severity: 'page', service: 'orders', tier: 't1' },
        annotations: {
          summary: 'orders: payments stuck',
          runbook_url: `${DIR}/runbooks/orders-payments-stuck.md`,
        },
      });
      expect(rule.annotations.description).toContain(EXPR);
    });

    it('writes the runbook with the rule and TODO(owner): where only a person knows the answer', async () => {
      await add(tree, { description: 'The payment provider answers 502.' });
      const runbook = read(tree, 'runbooks/orders-payments-stuck.md');
      expect(runbook.startsWith('# Runbook: OrdersPaymentsStuck\n')).toBe(true);
      expect(runbook).toContain('The payment provider answers 502.');
      expect(runbook).toContain(EXPR);
      expect([...runbook.matchAll(/^## (.+)$/gm)].map((m) => m[1])).toEqual([
        'Symptom',
        'Impact',
        'First checks',
        'Likely causes',
        'Resolution',
        'Escalation',
        'After the incident',
      ]);
      expect(runbook.split('TODO(owner):').length - 1).toBe(3);
    });

    it('adds the OBSERVABILITY row and the README link, and records everything in the manifest', async () => {
      await add(tree);
      const obs = read(tree, 'docs/OBSERVABILITY.md');
      const table = obs.slice(
        obs.indexOf('<!-- shipshape:alerts:begin -->'),
        obs.indexOf('<!-- shipshape:alerts:end -->'),
      );
      expect(table).toContain(
        '| `OrdersPaymentsStuck` | ticket | 5m | — | [orders-payments-stuck.md](../runbooks/orders-payments-stuck.md) |',
      );
      expect(read(tree, 'README.md')).toContain('[OrdersPaymentsStuck](runbooks/orders-payments-stuck.md)');
      const manifest = readManifest(tree, DIR)!;
      expect((manifest.options as { alerts?: { name: string }[] }).alerts?.map((a) => a.name)).toEqual([
        'OrdersPaymentsStuck',
      ]);
      expect(manifest.files['runbooks/orders-payments-stuck.md']).toBe(
        sha256(tree.read(`${DIR}/runbooks/orders-payments-stuck.md`)!),
      );
    });

    it('keeps earlier added alerts when another one is added', async () => {
      await add(tree);
      await add(tree, {
        name: 'refunds-failing',
        expr: 'sum(rate(http_requests_total{service="orders",status_code="500"}[5m])) > 0',
      });
      const names = rules(tree).map((r) => r.alert);
      expect(names.slice(-2)).toEqual(['OrdersPaymentsStuck', 'OrdersRefundsFailing']);
      expect(tree.exists(`${DIR}/runbooks/orders-payments-stuck.md`)).toBe(true);
      expect(tree.exists(`${DIR}/runbooks/orders-refunds-failing.md`)).toBe(true);
    });
  });

  describe('slo', () => {
    it('puts an alert that protects an SLO in the SLO group and lists it in ops/slos.yaml', async () => {
      await add(tree, { slo: 'latency-p95' });
      const rule = rules(tree).find((r) => r.alert === 'OrdersPaymentsStuck')!;
      expect(rule.group).toBe('orders.slo');
      expect(rule.labels.slo).toBe('latency-p95');
      const slo = parseAllDocuments(read(tree, 'ops/slos.yaml'))
        .map(
          (d) =>
            d.toJS() as { kind: string; metadata: { name: string; annotations: Record<string, string> } },
        )
        .find((d) => d.kind === 'SLO' && d.metadata.name === 'orders-latency-p95')!;
      expect(slo.metadata.annotations['shipshape.dev/prometheus-alerts'].split(', ')).toContain(
        'OrdersPaymentsStuck',
      );
    });
  });

  describe('force', () => {
    it('refuses to add the same alert twice, in one line, and replaces it with --force', async () => {
      await add(tree);
      const before = snapshot(tree);
      await expect(add(tree, { severity: 'page' })).rejects.toThrow(
        /^service 'orders' already has the alert 'OrdersPaymentsStuck'; re-run with --force to replace it$/,
      );
      expect(snapshot(tree)).toEqual(before);
      await add(tree, { severity: 'page', force: true });
      expect(rules(tree).filter((r) => r.alert === 'OrdersPaymentsStuck')).toHaveLength(1);
      expect(rules(tree).find((r) => r.alert === 'OrdersPaymentsStuck')!.labels.severity).toBe('page');
      expect(read(tree, 'runbooks/orders-payments-stuck.md')).toContain('**page**');
    });

    it('refuses to overwrite a doc a person edited, writing nothing, unless --force', async () => {
      const edited = read(tree, 'docs/OBSERVABILITY.md').replace(
        /TODO\(owner\):[^\n]*/,
        'Paging: PagerDuty service "orders", rotation orders-primary / orders-secondary.',
      );
      tree.write(`${DIR}/docs/OBSERVABILITY.md`, edited);
      const before = snapshot(tree);
      await expect(add(tree)).rejects.toThrow(
        /^refusing to overwrite a file changed since generation: .*docs\/OBSERVABILITY\.md; re-run with --force to overwrite$/,
      );
      expect(snapshot(tree)).toEqual(before);
      expect(tree.exists(`${DIR}/runbooks/orders-payments-stuck.md`)).toBe(false);
      await add(tree, { force: true });
      expect(read(tree, 'docs/OBSERVABILITY.md')).toContain('OrdersPaymentsStuck');
    });

    it("keeps a person's edits to a runbook whose template did not change", async () => {
      await add(tree);
      const mine = read(tree, 'runbooks/orders-payments-stuck.md').replace(
        /TODO\(owner\): list the likely causes[^\n]*/,
        'The payment provider is down; check status.example.com.',
      );
      tree.write(`${DIR}/runbooks/orders-payments-stuck.md`, mine);
      await add(tree, { name: 'refunds-failing' });
      expect(read(tree, 'runbooks/orders-payments-stuck.md')).toBe(mine);
    });
  });

  describe('bad input (one line, nothing written)', () => {
    const cases: [string, Partial<AlertGeneratorSchema>, RegExp][] = [
      [
        'a name that is not kebab case',
        { name: 'PaymentsStuck' },
        /^invalid alert name 'PaymentsStuck': use lowercase letters, digits and hyphens/,
      ],
      ['an unknown project', { project: 'billing' }, /^no project named 'billing' in this workspace$/],
      ['no expression', { expr: '  ' }, /^--expr is required/],
      [
        'invalid PromQL',
        { expr: 'sum(rate(x[5m]) >' },
        /^--expr is not valid PromQL: syntax error at character \d+/,
      ],
      ['a bad duration', { for: 'five minutes' }, /^--for 'five minutes' is not a Prometheus duration/],
      [
        'a bad severity',
        { severity: 'urgent' as 'page' },
        /^--severity must be page or ticket, not 'urgent'$/,
      ],
      [
        'an unknown SLO',
        { slo: 'throughput' },
        /^--slo 'throughput' is not an SLO of orders \(availability, latency-p95, latency-p99, error-rate\)$/,
      ],
      [
        'a default alert name',
        { name: 'high-error-rate' },
        /^'OrdersHighErrorRate' is a default alert of orders; choose another name$/,
      ],
      ['a multi-line summary', { summary: 'a\nb' }, /^--summary must be one line$/],
    ];
    it.each(cases)('refuses %s', async (_label, extra, message) => {
      const before = snapshot(tree);
      await expect(add(tree, extra)).rejects.toThrow(message);
      expect(snapshot(tree)).toEqual(before);
    });

    it('refuses a project that is not a Shipshape service', async () => {
      tree.write('libs/util/project.json', JSON.stringify({ name: 'util', root: 'libs/util' }));
      await expect(add(tree, { project: 'util' })).rejects.toThrow(
        /^'util' is not a Shipshape service \(no libs\/util\/\.shipshape\/manifest\.json\)$/,
      );
    });
  });

  describe('later runs', () => {
    it('a resource added afterwards keeps the added alert, its runbook and its OBSERVABILITY row', async () => {
      await add(tree);
      await resourceGenerator(tree, { name: 'customer', project: 'orders', skipFormat: true });
      expect(rules(tree).map((r) => r.alert)).toContain('OrdersPaymentsStuck');
      expect(read(tree, 'docs/OBSERVABILITY.md')).toContain('`OrdersPaymentsStuck`');
      expect(tree.exists(`${DIR}/runbooks/orders-payments-stuck.md`)).toBe(true);
    });
  });
});
