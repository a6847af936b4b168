import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, context, makeService, writeConformance } from '../test/support.js';
import { loadCatalog } from './catalog.js';
import { createContext, ReadinessInputError } from './context.js';
import { evaluateReadiness } from './evaluate.js';
import { healthProbes, runbooks } from './evaluators/obs.js';
import { helmChart } from './evaluators/ops.js';
import { declared, origin } from './layout.js';
import { writeReadiness } from './write.js';

/** Gates read from where a service's shipshape.yaml says its artifacts are (fixtures of other shapes). */
afterAll(cleanup);

const descriptor = (body: string) => `descriptorVersion: 1\nname: svc\n${body}`;

const deployment = (probes: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: svc }
spec:
  template:
    spec:
      containers:
        - name: svc
          image: svc:1
${probes}
          resources: { limits: { memory: 128Mi } }
`;
const rest = `apiVersion: v1
kind: Service
metadata: { name: svc }
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: svc }
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: svc }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: svc }
---
apiVersion: batch/v1
kind: Job
metadata: { name: svc-conformance }
spec:
  template:
    spec:
      containers: [{ name: c, image: shipshape, command: [npx, shipshape, conformance] }]
`;
const healthz =
  '          livenessProbe: { tcpSocket: { port: 8080 } }\n          readinessProbe: { httpGet: { path: /healthz, port: 8080 } }';

describe('the layout', () => {
  it('says which keys shipshape.yaml sets, and where a reason says a path came from', async () => {
    const ctx = await context(
      await makeService({ 'shipshape.yaml': descriptor('deploy: { helm: charts/svc }\n') }),
    );
    expect(declared(ctx.layout, 'deploy.helm')).toBe(true);
    expect(declared(ctx.layout, 'ops.alerts')).toBe(false);
    expect(origin(ctx.layout, 'deploy.helm', 'helm/<name>')).toBe('deploy.helm in shipshape.yaml');
    expect(origin(ctx.layout, 'ops.alerts', 'ops/alerts.yaml')).toBe(
      'ops.alerts in shipshape.yaml, default ops/alerts.yaml',
    );
  });

  it('an invalid shipshape.yaml is an input error (one line naming the key), not a verdict', async () => {
    const dir = await makeService({ 'shipshape.yaml': descriptor('data: { tenancy: rls }\n') });
    await expect(createContext(dir, loadCatalog())).rejects.toThrow(ReadinessInputError);
    await expect(createContext(dir, loadCatalog())).rejects.toThrow(/data\.tenancy/);
  });
});

describe('deploy gates on plain Kubernetes manifests (deploy.manifests)', () => {
  const files = (probes: string) => ({
    'shipshape.yaml': descriptor(
      'deploy: { manifests: [k8s/] }\nlocal: { healthUrl: "http://127.0.0.1:{port}/healthz" }\n',
    ),
    'k8s/deployment.yaml': deployment(probes),
    'k8s/rest.yml': rest,
  });

  it('ops.helm_chart is GREEN for a complete set in a folder, RED naming what a manifest lacks', async () => {
    const green = await helmChart(await context(await makeService(files(healthz))));
    expect(green).toMatchObject({ status: 'GREEN' });
    expect(green.evidence.map((e) => e.ref)).toEqual(['k8s/deployment.yaml', 'k8s/rest.yml']);
    const bare = await makeService({
      ...files('          readinessProbe: { httpGet: { path: /healthz } }'),
      'k8s/rest.yml': 'apiVersion: v1\nkind: Service\n',
    });
    expect(await helmChart(await context(bare))).toMatchObject({
      status: 'RED',
      reason:
        'k8s (plain Kubernetes manifests, deploy.manifests in shipshape.yaml): k8s/rest.yml: an object without apiVersion, kind or metadata.name, no PodDisruptionBudget, HorizontalPodAutoscaler, NetworkPolicy, Deployment svc container svc has no livenessProbe and 1 more',
    });
    const broken = await makeService({ ...files(healthz), 'k8s/rest.yml': 'kind: [' });
    expect((await helmChart(await context(broken))).reason).toContain('k8s/rest.yml is not valid YAML');
  });

  it('obs.health_probes holds the readiness probe to the path of local.healthUrl', async () => {
    const passing = [{ id: 'health.live', gate: 'obs.health_probes', status: 'pass' as const }];
    const good = await makeService(files(healthz));
    await writeConformance(good, passing);
    expect(await healthProbes(await context(good))).toMatchObject({ status: 'GREEN' });
    const elsewhere = await makeService(
      files(
        '          livenessProbe: { tcpSocket: { port: 8080 } }\n          readinessProbe: { httpGet: { path: /health/ready } }',
      ),
    );
    await writeConformance(elsewhere, passing);
    expect(await healthProbes(await context(elsewhere))).toMatchObject({
      status: 'RED',
      reason: 'k8s lacks readinessProbe → /healthz',
    });
  });
});

describe('obs.runbooks where shipshape.yaml puts them', () => {
  const sections = [
    '# r',
    '## Symptom',
    'x',
    '## First checks',
    '```sh\nkubectl get pods\n```',
    '## Causes',
    'x',
    '## Resolution',
    'x',
    '## Escalation',
    'x',
  ].join('\n\n');
  const rules = (url: string) =>
    `groups:\n  - name: g\n    rules:\n      - alert: SvcDown\n        expr: up == 0\n        labels: { severity: page }\n        annotations: { summary: down, runbook_url: "${url}" }\n`;

  it('reads an absolute URL that ends in runbooks.dir from the folder; a URL elsewhere is not checked', async () => {
    const base = {
      'shipshape.yaml': descriptor(
        'ops: { alerts: [mon/rules.yml] }\nrunbooks: { dir: ops/runbooks, urlPattern: "https://wiki.example.com/{slug}" }\n',
      ),
      'ops/runbooks/svc-down.md': sections,
    };
    const inRepo = await makeService({
      ...base,
      'mon/rules.yml': rules('https://git.example.com/svc/blob/main/ops/runbooks/svc-down.md'),
    });
    const judged = await runbooks(await context(inRepo));
    expect(judged).toMatchObject({ status: 'GREEN' });
    expect(judged.evidence.map((e) => e.ref)).toContain('ops/runbooks/svc-down.md');
    const missing = await makeService({
      ...base,
      'mon/rules.yml': rules('https://git.example.com/svc/blob/main/ops/runbooks/gone.md'),
    });
    expect((await runbooks(await context(missing))).reason).toContain(
      'SvcDown → https://git.example.com/svc/blob/main/ops/runbooks/gone.md does not exist',
    );
    const wiki = await makeService({ ...base, 'mon/rules.yml': rules('https://wiki.example.com/svc-down') });
    expect((await runbooks(await context(wiki))).reason).toContain(
      'external runbooks not checked: SvcDown → https://wiki.example.com/svc-down',
    );
  });
});

describe('--write where shipshape.yaml says', () => {
  it('writes the readiness file, SERVICE_READINESS and the badges in the descriptor’s places', async () => {
    const dir = await makeService({
      'shipshape.yaml': descriptor(
        'readiness: { file: infra/readiness/svc.yaml }\ndocs: { dir: documentation, bundle: { SERVICE_READINESS: handbook/readiness.md } }\n',
      ),
      'infra/readiness/svc.yaml': 'target: L2 # ours\n',
      'handbook/readiness.md':
        '# Readiness\n\n<!-- shipshape:readiness:begin -->\n<!-- shipshape:readiness:end -->\n',
    });
    const result = await evaluateReadiness(dir);
    expect(result).toMatchObject({ target: 'L2', targetSource: 'infra/readiness/svc.yaml' });
    const written = await writeReadiness(result);
    expect(written.written.slice(0, 2)).toEqual(['infra/readiness/svc.yaml', 'handbook/readiness.md']);
    expect(written.written).toContain('documentation/badges/level.svg');
    expect(await readFile(join(dir, 'infra/readiness/svc.yaml'), 'utf8')).toMatch(/^target: L2 # ours\n/);
    expect(await readFile(join(dir, 'handbook/readiness.md'), 'utf8')).toContain(
      '![Readiness level](../documentation/badges/level.svg)',
    );
  });
});
