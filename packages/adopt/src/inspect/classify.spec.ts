import { describe, expect, it } from 'vitest';
import { alertsOf, classify, parseDocs, probePathOf } from './classify.js';

const kind = (path: string, text: string) => classify(path, parseDocs(text) ?? []);

describe('classify', () => {
  it('tells the artifacts apart by content, wherever they are', () => {
    expect(kind('spec/api.yaml', 'openapi: 3.0.3\ninfo: { title: x, version: "1" }\npaths: {}')).toBe(
      'openapi',
    );
    expect(kind('legacy/swagger.json', '{"swagger": "2.0"}')).toBe('openapi');
    expect(kind('events.yaml', 'asyncapi: 3.0.0\ninfo: { title: x, version: "1" }')).toBe('asyncapi');
    expect(kind('mon/rules.yml', 'groups:\n  - name: g\n    rules: []\n')).toBe('prometheus-rules');
    expect(kind('slo.yaml', 'apiVersion: openslo/v1\nkind: SLO\nmetadata: { name: a }')).toBe('slos');
    expect(kind('ops/slos.yaml', 'slos:\n  - id: availability\n')).toBe('slos');
    expect(
      kind('k8s/all.yaml', 'apiVersion: v1\nkind: Service\n---\napiVersion: apps/v1\nkind: Deployment\n'),
    ).toBe('k8s-manifest');
    expect(kind('charts/x/Chart.yaml', 'apiVersion: v2\nname: x')).toBe('helm-chart');
  });

  it('leaves everything else alone', () => {
    expect(kind('docker-compose.yml', 'services: { db: { image: postgres } }')).toBeUndefined();
    expect(kind('mixed.yaml', 'apiVersion: v1\nkind: Service\n---\nfoo: bar\n')).toBeUndefined();
    expect(parseDocs('a: [1\n')).toBeUndefined();
  });
});

describe('alertsOf and probePathOf', () => {
  it('reads alerting rules (not recording rules) with their runbook links', () => {
    const doc = parseDocs(`groups:
  - name: g
    rules:
      - record: a:b
        expr: sum(x)
      - alert: Down
        expr: up == 0
        labels: { severity: page }
        annotations: { summary: gone, runbook_url: runbooks/down.md }
`)![0];
    expect(alertsOf('rules.yaml', doc)).toEqual([
      {
        name: 'Down',
        file: 'rules.yaml',
        expr: 'up == 0',
        severity: 'page',
        summary: 'gone',
        runbookUrl: 'runbooks/down.md',
      },
    ]);
  });

  it('finds the readiness probe path of a deployment', () => {
    const docs = parseDocs(
      'apiVersion: apps/v1\nkind: Deployment\nspec: { template: { spec: { containers: [{ name: a, livenessProbe: { httpGet: { path: /live } }, readinessProbe: { httpGet: { path: /ready } } }] } } }\n',
    )!;
    expect(probePathOf(docs)).toBe('/ready');
    expect(probePathOf(parseDocs('apiVersion: v1\nkind: Service\n')!)).toBeUndefined();
  });
});
