import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { promqlSyntaxError } from '../../src/alerts.js';
import { brief, cleanup, copyGood, editYaml, findingsOf, goodFindings } from '../helpers.js';

const RULE = 'shipshape-alerts-valid';
afterEach(cleanup);

describe(RULE, () => {
  it('passes Prometheus rule groups with named, bounded, labelled alerts', async () => {
    expect(await goodFindings(RULE)).toEqual([]);
  });

  it('reports a file that is not rule groups', async () => {
    const dir = await copyGood();
    await editYaml(dir, 'ops/alerts.yaml', (doc) => {
      doc.alerts = doc.groups;
      delete doc.groups;
    });
    expect((await findingsOf(dir, RULE)).map(brief)).toEqual([
      'ops/alerts.yaml:1 alert rules must be Prometheus rule groups (`groups:` with at least one group)',
    ]);
  });

  it('reports a missing file', async () => {
    const dir = await copyGood();
    await rm(join(dir, 'ops', 'alerts.yaml'));
    expect((await findingsOf(dir, RULE)).map(brief)).toEqual([
      'ops/alerts.yaml:1 alert rules ops/alerts.yaml are missing',
    ]);
  });

  it('reports each broken rule at the offending key', async () => {
    const dir = await copyGood();
    await editYaml(dir, 'ops/alerts.yaml', (doc) => {
      doc.groups[1].name = doc.groups[0].name;
      const [a, b, c] = doc.groups[0].rules;
      a.for = '5 minutes';
      b.expr = 'histogram_quantile(0.99, sum by (le) (rate(x[5m]))';
      delete c.labels.severity;
      c.record = 'job:up:sum';
      doc.groups[1].rules[0].alert = 'Orders Outbox';
    });
    expect((await findingsOf(dir, RULE)).map(brief)).toEqual([
      'ops/alerts.yaml:8 alert OrdersHighErrorRate: `for` must be a Prometheus duration (e.g. 5m)',
      'ops/alerts.yaml:17 expr is not valid PromQL: syntax error at column 51 near ") (rate(x[5m]))"',
      'ops/alerts.yaml:26 rule must have exactly one of `alert` and `record`',
      'ops/alerts.yaml:36 rule group name orders.availability is used twice',
      'ops/alerts.yaml:38 alert name "Orders Outbox" is not a valid label value name',
    ]);
  });
});

describe('promqlSyntaxError', () => {
  it.each([
    ['sum(rate(x{a="("}[5m]))', true],
    ['up{job="x"} == 0', true],
    ['histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) > 0.5', true],
    ['sum(rate(x[5m])', false],
    ['x{a="b}', false],
    ['(a]', false],
    ['rate(x[5m]) >', false],
    ['sum by le (x)', false],
  ])('%s parses: %s', (expr, ok) => {
    expect(promqlSyntaxError(expr) === undefined).toBe(ok);
  });

  it('says where the error is', () => {
    expect(promqlSyntaxError('rate(x[5m]) >')).toMatch(/^at column \d+ near "/);
  });
});
