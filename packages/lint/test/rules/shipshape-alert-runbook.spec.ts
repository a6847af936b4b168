import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { kebab } from '../../src/alerts.js';
import { brief, cleanup, copyGood, editYaml, findingsOf, goodFindings } from '../helpers.js';

const RULE = 'shipshape-alert-runbook';
afterEach(cleanup);

describe(RULE, () => {
  it('passes alerts linking existing runbooks/<alert-slug>.md', async () => {
    expect(await goodFindings(RULE)).toEqual([]);
  });

  it('accepts absolute URLs and runbooks named exactly like the alert', async () => {
    const dir = await copyGood();
    await rename(join(dir, 'runbooks', 'orders-not-ready.md'), join(dir, 'runbooks', 'OrdersNotReady.md'));
    await editYaml(dir, 'ops/alerts.yaml', (doc) => {
      doc.groups[0].rules[2].annotations.runbook_url =
        'https://git.acme.example/platform/-/blob/main/services/orders/runbooks/OrdersNotReady.md#diagnosis';
    });
    expect(await findingsOf(dir, RULE)).toEqual([]);
  });

  it('reports a missing runbook_url, a link to another file and a deleted runbook', async () => {
    const dir = await copyGood();
    await editYaml(dir, 'ops/alerts.yaml', (doc) => {
      delete doc.groups[0].rules[0].annotations.runbook_url;
      doc.groups[0].rules[1].annotations.runbook_url = 'docs/OBSERVABILITY.md';
    });
    await rm(join(dir, 'runbooks', 'orders-not-ready.md'));
    const findings = await findingsOf(dir, RULE);
    expect(findings.map(brief)).toEqual([
      'ops/alerts.yaml:12 alert OrdersHighErrorRate must have annotations.runbook_url',
      'ops/alerts.yaml:26 alert OrdersHighLatencyP99: runbook_url must point at runbooks/orders-high-latency-p99.md (got docs/OBSERVABILITY.md)',
      'ops/alerts.yaml:36 alert OrdersNotReady: runbook runbooks/orders-not-ready.md does not exist',
    ]);
    expect(findings.every((f) => f.gate === 'obs.runbooks')).toBe(true);
  });
});

describe('kebab', () => {
  it.each([
    ['OrdersHighErrorRate', 'orders-high-error-rate'],
    ['OrdersHighLatencyP99', 'orders-high-latency-p99'],
    ['OrderLinesDBPoolSaturated', 'order-lines-db-pool-saturated'],
    ['orders_down', 'orders-down'],
  ])('%s → %s', (name, slug) => {
    expect(kebab(name)).toBe(slug);
  });
});
