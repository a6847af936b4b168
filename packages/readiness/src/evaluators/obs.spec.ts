import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, context, makeService, writeConformance, writeLint } from '../../test/support.js';
import { dashboards, healthProbes, logs, runbooks, slos, traces } from './obs.js';

afterAll(cleanup);

const RUNBOOK = [
  '# Runbook',
  '## Symptom',
  'x',
  '## First checks',
  'Is the target up? `kubectl -n "$NAMESPACE" get pods -l app=svc`',
  '## Likely causes',
  'x',
  '## Resolution',
  'x',
  '## Escalation',
  'x',
].join('\n\n');
const alerts = (url: string) => `groups:
  - name: g
    rules:
      - alert: SvcDown
        expr: up == 0
        annotations:
          runbook_url: '${url}'
      - alert: SvcSlow
        expr: up == 0
        annotations:
          runbook_url: 'runbooks/svc-slow.md'
`;

describe('obs.runbooks', () => {
  it('is GREEN when every alert links a complete runbook (repo-root relative links resolve in the service)', async () => {
    const dir = await makeService({
      'ops/alerts.yaml': alerts('services/svc/runbooks/svc-down.md'),
      'runbooks/svc-down.md': RUNBOOK,
      'runbooks/svc-slow.md': RUNBOOK,
    });
    await writeLint(dir, [{ id: 'obs.runbooks', status: 'pass' }]);
    expect(await runbooks(await context(dir))).toMatchObject({
      status: 'GREEN',
      reason: '2 alerts, each with a complete runbook; lint: 2 rules clean',
    });
  });

  it('is RED for an alert whose runbook does not exist, AMBER for a runbook without escalation', async () => {
    const dir = await makeService({
      'ops/alerts.yaml': alerts('runbooks/svc-down.md'),
      'runbooks/svc-slow.md': RUNBOOK.replace('## Escalation', '## Notes'),
    });
    await writeLint(dir, [{ id: 'obs.runbooks', status: 'pass' }]);
    const v = await runbooks(await context(dir));
    expect(v.status).toBe('RED');
    expect(v.reason).toBe(
      '1 alert without a runbook: SvcDown → runbooks/svc-down.md does not exist; incomplete runbooks: runbooks/svc-slow.md lacks escalation',
    );
  });

  // Shortcuts that a heading-only reading took for a runbook: none of them may be GREEN.
  it.each([
    [
      'headings with nothing under them',
      RUNBOOK.replace(/\n\nx(?=\n|$)/g, ''),
      /lacks content under "Symptom"/,
    ],
    [
      'content hidden in an HTML comment',
      RUNBOOK.replace('## Resolution\n\nx', '## Resolution\n\n<!-- fill in -->'),
      /lacks content under "Resolution"/,
    ],
    [
      'no command or query in First checks',
      RUNBOOK.replace(/Is the target up\? .*`/, 'Look around.'),
      /lacks a command or query in "First checks"/,
    ],
    ['a stub marker in a comment', `${RUNBOOK}\n\n<!-- TBD: owner fills this -->`, /has 1 stub marker/],
  ])('is not GREEN for %s', async (_name, runbook, reason) => {
    const dir = await makeService({
      'ops/alerts.yaml': alerts('runbooks/svc-slow.md'),
      'runbooks/svc-slow.md': runbook,
    });
    await writeLint(dir, [{ id: 'obs.runbooks', status: 'pass' }]);
    const v = await runbooks(await context(dir));
    expect(v.status).toBe('AMBER');
    expect(v.reason).toMatch(reason);
  });
});

describe('obs.slos', () => {
  const SLOS = `slos:
  - { id: availability, objective: 0.995, errorBudget: 0.005, alerts: [SvcDown] }
  - { id: latency-p99, objective: 0.99, thresholdMs: 500, alerts: [SvcSlow] }
`;
  const judge = async (slosYaml: string, tier?: string) => {
    const dir = await makeService({
      'ops/slos.yaml': slosYaml,
      'ops/alerts.yaml': alerts('x'),
      ...(tier ? { '.shipshape/manifest.json': JSON.stringify({ options: { name: 'svc', tier } }) } : {}),
    });
    await writeLint(dir, [{ id: 'obs.slos', status: 'pass' }]);
    return slos(await context(dir));
  };

  it('is GREEN with sane availability and latency SLOs, each with a burn-rate alert that exists', async () => {
    expect((await judge(SLOS, 't2')).reason).toBe(
      '2 SLOs within the bounds of tier t2, each with a burn-rate alert; lint: 2 rules clean',
    );
  });

  it('is RED for an SLO naming an alert that does not exist, or without a latency SLO', async () => {
    expect((await judge('slos:\n  - { id: availability, objective: 0.999, alerts: [Nope] }\n')).reason).toBe(
      'no latency SLO, alerts not in ops/alerts.yaml: availability: Nope',
    );
  });

  it('is AMBER (a blocking gate) for an SLO without a burn-rate alert', async () => {
    const v = await judge(SLOS.replace('alerts: [SvcSlow]', 'alerts: []'), 't2');
    expect(v).toMatchObject({ status: 'AMBER', reason: 'no burn-rate alert for latency-p99' });
  });

  it.each([
    [
      'an availability of 0.5',
      SLOS.replace('objective: 0.995, errorBudget: 0.005', 'objective: 0.5'),
      /availability objective 0.5 is below 0.99/,
    ],
    [
      'an objective of 1 (no error budget)',
      SLOS.replace('objective: 0.995, errorBudget: 0.005', 'objective: 1'),
      /must be between 0 and 1/,
    ],
    [
      'a t0 promise below 0.999',
      SLOS,
      /availability objective 0.995 is below 0.999, the least a t0 may promise/,
    ],
    [
      'an error budget that does not match',
      SLOS.replace('errorBudget: 0.005', 'errorBudget: 0.5'),
      /errorBudget 0.5 is not 1 - objective/,
    ],
  ])('is RED for %s', async (_name, yaml, reason) => {
    const v = await judge(yaml, 't0');
    expect(v.status).toBe('RED');
    expect(v.reason).toMatch(reason);
  });
});

describe('obs.slos on OpenSLO v1', () => {
  const slo = (id: string, target: number, alerts: string, threshold = '') => `---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: svc-${id}
  displayName: ${id}
  labels: { shipshape.dev/slo: ${id} }
  annotations: { shipshape.dev/prometheus-alerts: "${alerts}"${threshold ? `, shipshape.dev/threshold-ms: "${threshold}"` : ''} }
spec: { service: svc, indicatorRef: svc-${id}, timeWindow: [{ duration: 30d, isRolling: true }], budgetingMethod: Occurrences, objectives: [{ target: ${target} }] }
`;
  const sli =
    '---\napiVersion: openslo/v1\nkind: SLI\nmetadata: { name: svc-availability }\nspec: { ratioMetric: { counter: true } }\n';
  const judge = async (slosYaml: string) => {
    const dir = await makeService({
      'ops/slos.yaml': slosYaml,
      'ops/alerts.yaml': alerts('x'),
      '.shipshape/manifest.json': JSON.stringify({ options: { name: 'svc', tier: 't2' } }),
    });
    await writeLint(dir, [{ id: 'obs.slos', status: 'pass' }]);
    return slos(await context(dir));
  };

  it('reads the SLO documents (not the SLIs): objectives, thresholds and their Prometheus rules', async () => {
    const text = sli + slo('availability', 0.995, 'SvcDown') + slo('latency-p99', 0.99, 'SvcSlow', '500');
    expect((await judge(text)).reason).toBe(
      '2 SLOs within the bounds of tier t2, each with a burn-rate alert; lint: 2 rules clean',
    );
  });

  it('is RED when an OpenSLO SLO names a rule ops/alerts.yaml lacks, or promises nothing', async () => {
    const text = slo('availability', 0.5, 'Nope') + slo('latency-p99', 0.99, 'SvcSlow', '500');
    const v = await judge(text);
    expect(v.status).toBe('RED');
    expect(v.reason).toMatch(/availability: Nope/);
    expect(v.reason).toMatch(/availability objective 0.5 is below 0.99/);
  });
});

describe('obs.dashboards', () => {
  const panel = (title: string, expr: string) => ({ title, targets: [{ expr }] });
  it('is GREEN with RED, tenancy and idempotency panels (nested rows included)', async () => {
    const dashboard = {
      title: 'svc',
      panels: [
        panel('Requests', 'sum(rate(http_requests_total[5m]))'),
        panel('Errors', 'sum(rate(http_requests_total{status_code=~"5.."}[5m]))'),
        {
          title: 'row',
          panels: [panel('Latency p99', 'histogram_quantile(0.99, http_request_duration_seconds_bucket)')],
        },
        panel('Unauthenticated by tenant', 'sum(rate(http_requests_total{status_code="401"}[5m]))'),
        panel('Idempotent replays', 'sum(rate(idempotency_replays_total[5m]))'),
      ],
    };
    const dir = await makeService({ 'ops/dashboards/svc.json': JSON.stringify(dashboard) });
    expect((await dashboards(await context(dir))).status).toBe('GREEN');
  });

  it('is RED without a dashboard or without the idempotency panels', async () => {
    expect((await dashboards(await context(await makeService({})))).reason).toBe(
      'no dashboard in ops/dashboards/ (ops.dashboards in shipshape.yaml, default ops/dashboards/)',
    );
    const dir = await makeService({
      'ops/dashboards/svc.json': JSON.stringify({
        panels: [
          panel('Requests', 'rate(http_requests_total[1m])'),
          panel('Errors', 'x'),
          panel('latency', 'y'),
          panel('tenants', 'z'),
        ],
      }),
    });
    expect((await dashboards(await context(dir))).reason).toBe('no idempotency panels in ops/dashboards/');
  });
});

describe('obs.logs', () => {
  const runtime = JSON.stringify({ dependencies: { '@shipshape/runtime': '0.1.0' } });
  const app = "import { defineService } from '@shipshape/runtime';\nexport default defineService({});\n";

  it('is GREEN when src/ is built on the runtime’s logger and AMBER when src/ writes to the console', async () => {
    expect(
      (await logs(await context(await makeService({ 'package.json': runtime, 'src/app.ts': app })))).status,
    ).toBe('GREEN');
    const v = await logs(
      await context(
        await makeService({
          'package.json': runtime,
          'src/app.ts': app,
          'src/a.ts': 'console.log("token", t);\n',
        }),
      ),
    );
    expect(v).toMatchObject({
      status: 'AMBER',
      reason: 'console output bypasses structured logging and redaction: src/a.ts:1 console.log',
    });
  });
});

describe('obs.logs shortcuts', () => {
  it('is not GREEN when package.json names the runtime but src/ never uses it', async () => {
    const v = await logs(
      await context(await makeService({ 'package.json': runtime(), 'src/app.ts': 'export {};\n' })),
    );
    expect(v).toMatchObject({
      status: 'AMBER',
      reason: 'package.json names @shipshape/runtime but no file of src/ imports it',
    });
  });

  it('is not GREEN with a logger of its own beside the runtime', async () => {
    const v = await logs(
      await context(
        await makeService({
          'package.json': runtime(),
          'src/app.ts': "import { defineService } from '@shipshape/runtime';\nimport pino from 'pino';\n",
        }),
      ),
    );
    expect(v.reason).toBe("a logger of its own bypasses the runtime's redaction: src/app.ts:2 pino");
  });

  function runtime() {
    return JSON.stringify({ dependencies: { '@shipshape/runtime': '0.1.0' } });
  }
});

describe('obs.health_probes and obs.traces', () => {
  const chart = (probes: string) => ({
    'helm/svc/Chart.yaml': 'apiVersion: v2\nname: svc\nversion: 0.1.0\n',
    'helm/svc/templates/deployment.yaml': `kind: Deployment\n${probes}\n          env:\n            - name: OTEL_EXPORTER_OTLP_ENDPOINT\n`,
  });
  const passing = [
    { id: 'health.live', gate: 'obs.health_probes', status: 'pass' as const },
    { id: 'tracing.propagate', gate: 'api.tracing', status: 'pass' as const },
  ];

  it('is GREEN when the probes answer and the chart points at them', async () => {
    const dir = await makeService(
      chart('livenessProbe:\n  path: /health/live\nreadinessProbe:\n  path: /health/ready'),
    );
    await writeConformance(dir, passing);
    expect((await healthProbes(await context(dir))).status).toBe('GREEN');
    expect((await traces(await context(dir))).status).toBe('GREEN');
  });

  it('is RED when the chart has no readiness probe', async () => {
    const dir = await makeService(chart('livenessProbe:\n  path: /health/live'));
    await writeConformance(dir, passing);
    expect((await healthProbes(await context(dir))).reason).toBe(
      'helm/svc lacks readinessProbe → /health/ready',
    );
  });
});
