/**
 * `shipshape readiness` after `shipshape adopt` on the two seed-shaped examples: every gate reads the artifact
 * where shipshape.yaml says it is. Before adopt (no descriptor) the same gates were judged against the generated
 * layout and went RED for what was merely elsewhere; after, they are judged on the real files — GREEN where the
 * file satisfies the gate, RED naming the real path where it does not (shown by breaking a real artifact).
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateReadiness, type GateResult, type ReadinessResult } from '@shipshape/readiness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adopt, type AdoptResult } from '../src/index.js';
import { copyExample, gate } from './support.js';

/** Paths of the generated layout that neither example has (they keep those artifacts elsewhere). */
const GENERATED_ONLY = /(^|[\s(,])(helm\/|ops\/alerts\.yaml|openapi\/ |migrations\/|runbooks\/)/;

const reasons = (r: ReadinessResult) => r.gates.map((g) => `${g.id}: ${g.reason}`);
const refs = (g: GateResult) => g.evidence.map((e) => e.ref);

/** The manifests a t0 service needs beside its Deployment and Service, and a Job that verifies the deployment. */
const HARDENED = `
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: iam-service }
spec: { minAvailable: 2, selector: { matchLabels: { app.kubernetes.io/name: iam-service } } }
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: iam-service }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: iam-service }
  minReplicas: 3
  maxReplicas: 10
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: iam-service }
spec: { podSelector: { matchLabels: { app.kubernetes.io/name: iam-service } }, policyTypes: [Ingress] }
---
apiVersion: batch/v1
kind: Job
metadata: { name: iam-service-conformance }
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: conformance
          image: registry.melmastoon.example/shipshape:1
          args: [npx, shipshape, conformance, --base-url, "http://iam-service"]
`;

describe('readiness on the adopted iam-service (openapi/, db/migrations/, deploy/k8s/, ops/prometheus/)', () => {
  const example = copyExample('iam-service');
  const { dir } = example;
  let adopted: AdoptResult;
  let after: ReadinessResult;

  beforeAll(async () => {
    adopted = await adopt(dir);
    after = adopted.readiness.after!;
  });
  afterAll(() => example.cleanup());

  it('was judged against the generated layout before adopt, and against its real files after', () => {
    const before = adopted.readiness.before!;
    expect(gate(before.gates, 'ops.helm_chart').reason).toContain(
      'no Helm chart at helm/iam-service/Chart.yaml',
    );
    expect(gate(before.gates, 'docs.overview_drafted')).toMatchObject({ status: 'RED' });
    expect(gate(before.gates, 'data.migrations_forward_only').reason).toContain(
      'no migrations in migrations/',
    );
    // After: no reason points at a generated-layout path the service does not use.
    expect(reasons(after).filter((r) => GENERATED_ONLY.test(r))).toEqual([]);
    expect(after.targetSource).toBe('infra/readiness/iam-service.yaml');
    expect(after.target).toBe('L4');
  });

  it('docs.overview_drafted: docs/overview.md plays SERVICE_OVERVIEW; the skeleton is where shipshape.yaml says', () => {
    expect(gate(after.gates, 'docs.overview_drafted')).toMatchObject({
      status: 'GREEN',
      reason: '4 bundle folders present; SERVICE_OVERVIEW drafted (docs/overview.md)',
    });
    expect(refs(gate(after.gates, 'docs.overview_drafted'))).toEqual([
      'docs',
      'openapi/iam-service.yaml',
      'db/migrations',
      'ops/prometheus/iam-service.rules.yaml',
      'docs/overview.md',
    ]);
    expect(after.level).toBe('L0');
  });

  it('data gates read db/migrations/: forward-only and RLS judged on the real SQL', () => {
    const forward = gate(after.gates, 'data.migrations_forward_only');
    expect(forward.status).toBe('GREEN');
    expect(refs(forward)).toEqual(['db/migrations/0001_users.sql', 'db/migrations/0002_role_grants.sql']);
    const rls = gate(after.gates, 'data.rls_enabled');
    expect(rls.status).not.toBe('RED');
    expect(rls.evidence.map((e) => e.detail)).toEqual([
      expect.stringMatching(/^role_grants: RLS enabled and forced/),
      expect.stringMatching(/^users: RLS enabled and forced/),
    ]);
    expect(rls.reason).toContain('global: permissions');
    // adopt pre-filled DATA_MODEL from db/migrations/, implicit primary-key indexes included: no drift.
    expect(gate(after.gates, 'data.indexes_documented')).toMatchObject({
      status: 'GREEN',
      reason: '5 indexes of the service tables (pg_indexes) match DATA_MODEL',
    });
  });

  it('ops.helm_chart judges the plain Kubernetes manifests: RED for what they lack, GREEN once they have it', async () => {
    expect(gate(after.gates, 'ops.helm_chart')).toMatchObject({
      status: 'RED',
      reason:
        'deploy/k8s/iam-service.yaml (plain Kubernetes manifests, deploy.manifests in shipshape.yaml): no PodDisruptionBudget, HorizontalPodAutoscaler, NetworkPolicy, no Job or Pod that runs the conformance suite against the deployment (what a `helm test` hook is for a chart)',
    });
    // The probes of the manifest point at the runtime's health paths.
    expect(gate(after.gates, 'obs.health_probes').reason).not.toContain('lacks');
    appendFileSync(join(dir, 'deploy/k8s/iam-service.yaml'), HARDENED);
    const hardened = await evaluateReadiness(dir);
    expect(gate(hardened.gates, 'ops.helm_chart')).toMatchObject({
      status: 'GREEN',
      reason:
        'deploy/k8s/iam-service.yaml (plain Kubernetes manifests, deploy.manifests in shipshape.yaml): Deployment, Service, PodDisruptionBudget, HorizontalPodAutoscaler, NetworkPolicy; probes and resources on every container, a conformance Job against the deployment',
    });
  });

  it('a broken real artifact turns its gates RED, naming the real path', async () => {
    const migration = join(dir, 'db/migrations/0002_role_grants.sql');
    writeFileSync(
      migration,
      readFileSync(migration, 'utf8').replace('ALTER TABLE role_grants FORCE ROW LEVEL SECURITY;\n', ''),
    );
    appendFileSync(
      join(dir, 'db/migrations/0001_users.sql'),
      'CREATE INDEX users_name_idx ON users (name);\n',
    );
    const manifest = join(dir, 'deploy/k8s/iam-service.yaml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/ {10}livenessProbe:\n.*\n/, ''));
    const broken = await evaluateReadiness(dir);
    expect(gate(broken.gates, 'data.rls_enabled')).toMatchObject({
      status: 'RED',
      reason: 'role_grants: relforcerowsecurity off (RLS not forced: the owner bypasses it)',
    });
    expect(refs(gate(broken.gates, 'data.rls_enabled'))).toContain('db/migrations/');
    expect(gate(broken.gates, 'data.indexes_documented')).toMatchObject({
      status: 'RED',
      reason: 'index drift — not in DATA_MODEL: users_name_idx',
    });
    expect(refs(gate(broken.gates, 'data.indexes_documented'))).toContain('docs/DATA_MODEL.md');
    expect(gate(broken.gates, 'ops.helm_chart').reason).toContain(
      'Deployment iam-service container iam-service has no livenessProbe',
    );
    expect(gate(broken.gates, 'obs.health_probes')).toMatchObject({
      status: 'RED',
      reason: expect.stringContaining('deploy/k8s/iam-service.yaml lacks livenessProbe → /health/live'),
    });
  });

  it('events.*: a service without events (api.asyncapi: []) is AMBER until a person attests it, not RED', async () => {
    const events = after.gates.filter((g) => g.group === 'events');
    expect(events.map((g) => [g.id, g.status])).toEqual(events.map((g) => [g.id, 'AMBER']));
    expect(gate(after.gates, 'events.asyncapi_present').reason).toBe(
      "no events: shipshape.yaml says api.asyncapi: [], so the service publishes and consumes none — the descriptor's word is not evidence: a person confirms it with { gate: events.*, by, at, applies: false, reason } in readiness/attestations.yaml",
    );
    mkdirSync(join(dir, 'readiness'), { recursive: true });
    writeFileSync(
      join(dir, 'readiness/attestations.yaml'),
      '- gate: events.*\n  by: "@melmastoon/iam-team"\n  at: 2026-11-30\n  applies: false\n  reason: iam-service neither publishes nor consumes events\n',
    );
    const attested = await evaluateReadiness(dir);
    expect(
      attested.gates.filter((g) => g.group === 'events').map((g) => [g.status, g.code, g.applies]),
    ).toEqual(events.map(() => ['GREEN', 'NOT_APPLICABLE', false]));
    expect(attested.warnings).toEqual([]);
    // An AsyncAPI document where the generated layout keeps them contradicts `api.asyncapi: []`.
    mkdirSync(join(dir, 'asyncapi'));
    writeFileSync(join(dir, 'asyncapi/iam.yaml'), 'asyncapi: 3.0.0\n');
    const contradicted = await evaluateReadiness(dir);
    expect(gate(contradicted.gates, 'events.outbox')).toMatchObject({
      status: 'RED',
      reason:
        'shipshape.yaml says api.asyncapi: [], but asyncapi/iam.yaml exists: name it under api.asyncapi',
    });
  });

  it('obs.runbooks reads ops/prometheus/ and finds the runbook the absolute runbook_url names in ops/runbooks/', () => {
    const runbooks = gate(after.gates, 'obs.runbooks');
    expect(runbooks.status).toBe('RED');
    expect(runbooks.reason).toContain(
      'IamTokenSigningFailures (ops/prometheus/iam-service.rules.yaml) has no runbook_url',
    );
    expect(runbooks.evidence).toContainEqual(
      expect.objectContaining({ ref: 'ops/runbooks/iam-high-error-rate.md' }),
    );
    expect(runbooks.reason).not.toContain('external runbooks');
  });
});

describe('readiness on the adopted notes-api (single-tenant; api/, sql/, charts/, monitoring/)', () => {
  const example = copyExample('notes-api');
  const { dir } = example;
  let adopted: AdoptResult;
  let after: ReadinessResult;

  beforeAll(async () => {
    adopted = await adopt(dir);
    after = adopted.readiness.after!;
  });
  afterAll(() => example.cleanup());

  it('judges the chart shipshape.yaml names (charts/notes-api), not helm/<name>', () => {
    expect(gate(adopted.readiness.before!.gates, 'ops.helm_chart').reason).toContain(
      'no Helm chart at helm/notes-api/Chart.yaml',
    );
    expect(gate(after.gates, 'ops.helm_chart')).toMatchObject({
      status: 'RED',
      reason:
        'charts/notes-api: no values.schema.json, no Service, PodDisruptionBudget, HorizontalPodAutoscaler, NetworkPolicy, the Deployment has no livenessProbe and 2 more',
    });
    // Its readiness probe is /healthz, the path of local.healthUrl; it has no liveness probe.
    expect(gate(after.gates, 'obs.health_probes')).toMatchObject({
      status: 'RED',
      reason: expect.stringContaining('charts/notes-api lacks livenessProbe'),
    });
    expect(gate(after.gates, 'obs.health_probes').reason).not.toContain('readinessProbe');
    expect(reasons(after).filter((r) => GENERATED_ONLY.test(r))).toEqual([]);
  });

  it('judges sql/ and monitoring/alerts.yml where they are', () => {
    expect(gate(after.gates, 'data.migrations_forward_only')).toMatchObject({
      status: 'RED',
      reason: 'sql/001_notes.sql is not named NNNN_name.sql',
    });
    expect(gate(after.gates, 'data.indexes_documented')).toMatchObject({
      status: 'GREEN',
      reason: '2 indexes of the service tables (pg_indexes) match DATA_MODEL',
    });
    expect(gate(after.gates, 'obs.runbooks').reason).toContain(
      'NotesApiDown (monitoring/alerts.yml) has no runbook_url',
    );
  });

  it('data.rls_enabled: neither RED nor GREEN on the descriptor’s word; GREEN "does not apply" once a person attests', async () => {
    const rls = gate(after.gates, 'data.rls_enabled');
    expect(rls).toMatchObject({ status: 'AMBER', applies: true });
    expect(rls.reason).toMatch(/^single-tenant: shipshape.yaml says data.tenancy: none/);
    expect(rls.reason).toContain('{ gate: data.rls_enabled, by, at, applies: false, reason }');
    mkdirSync(join(dir, 'readiness'), { recursive: true });
    writeFileSync(
      join(dir, 'readiness/attestations.yaml'),
      '- gate: data.rls_enabled\n  by: "@notes-team"\n  at: 2026-11-30\n  applies: false\n  reason: one team, one database\n',
    );
    const attested = await evaluateReadiness(dir);
    expect(gate(attested.gates, 'data.rls_enabled')).toMatchObject({
      status: 'GREEN',
      code: 'NOT_APPLICABLE',
      applies: false,
    });
    expect(attested.warnings.filter((w) => w.includes('data.rls_enabled'))).toEqual([]);
    // The descriptor contradicted by the schema: a table carries the tenant column after all.
    appendFileSync(join(dir, 'sql/001_notes.sql'), 'ALTER TABLE notes ADD COLUMN tenant_id text;\n');
    const contradicted = await evaluateReadiness(dir);
    expect(gate(contradicted.gates, 'data.rls_enabled')).toMatchObject({
      status: 'RED',
      reason: expect.stringContaining('shipshape.yaml says data.tenancy: none, but notes carries tenant_id'),
    });
  });
});
