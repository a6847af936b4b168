import { describe, expect, it } from 'vitest';
import { loadCatalog, parseCatalog } from './catalog.js';

/** Every gate id of the iam-service readiness document (seed 000, section 2), by group. */
const SEED_000 = {
  docs: ['docs.bundle_complete', 'docs.cross_links_valid', 'docs.adr_aligned'],
  domain: ['domain.aggregates_defined', 'domain.ubiquitous_language'],
  api: [
    'api.openapi_present',
    'api.error_envelope',
    'api.error_codes_registered',
    'api.versioning',
    'api.idempotency',
    'api.tracing',
    'api.contract_tests',
  ],
  events: [
    'events.asyncapi_present',
    'events.naming',
    'events.envelope',
    'events.outbox',
    'events.idempotent_consumers',
    'events.schema_registry',
  ],
  data: [
    'data.migrations_forward_only',
    'data.rls_enabled',
    'data.indexes_documented',
    'data.partitions_provisioned',
    'data.backups_verified',
  ],
  sync: ['sync.minimal_surface', 'sync.signed_deltas', 'sync.offline_refresh_works'],
  ai: ['ai.through_orchestrator', 'ai.fallback_path', 'ai.provenance', 'ai.hitl_for_locks', 'ai.bias_review'],
  obs: [
    'obs.logs',
    'obs.metrics',
    'obs.traces',
    'obs.dashboards',
    'obs.slos',
    'obs.runbooks',
    'obs.synthetic',
  ],
  sec: [
    'sec.threat_model',
    'sec.crypto',
    'sec.audit_logging',
    'sec.gdpr_participation',
    'sec.pen_test',
    'sec.dependency_scan',
    'sec.secret_scan',
    'sec.waf_rules',
    'sec.access_review',
  ],
  perf: ['perf.load_baseline_recorded', 'perf.no_regression', 'perf.cold_start'],
  ops: [
    'ops.on_call_rotation',
    'ops.canary_verified',
    'ops.dr_drill',
    'ops.rollback_tested',
    'ops.cost_dashboard',
  ],
};

describe('gate catalog (gates.yaml)', () => {
  const catalog = loadCatalog();

  it('lists every canonical gate of seed 000 in its group', () => {
    for (const [group, ids] of Object.entries(SEED_000)) {
      const g = catalog.groups.find((x) => x.id === group);
      expect(g, group).toBeDefined();
      for (const id of ids)
        expect(
          g!.gates.map((x) => x.id),
          id,
        ).toContain(id);
    }
  });

  it('names where every gate that is not in seed 000 comes from', () => {
    const seed = new Set(Object.values(SEED_000).flat());
    const extra = catalog.gates.filter((g) => !seed.has(g.id));
    expect(extra.map((g) => g.id)).toEqual([
      'docs.overview_drafted',
      'tests.unit_integration',
      'tests.coverage',
      'tests.chaos',
      'obs.health_probes',
      'sec.authentication',
      'sec.data_exposure',
      'sec.headers',
      'ops.helm_chart',
      'ops.active_active',
      'ops.region_failover',
    ]);
    for (const g of extra) expect(g.source, g.id).toBeTruthy();
  });

  it('requires every level from L0 to L5 by some gate, and gives attested gates a freshness', () => {
    for (const level of ['L0', 'L1', 'L2', 'L3', 'L4', 'L5']) {
      expect(
        catalog.gates.some((g) => g.level === level),
        level,
      ).toBe(true);
    }
    for (const g of catalog.gates.filter((x) => x.judged === 'attested'))
      expect(g.freshFor, g.id).toMatch(/^\d+[dwy]$/);
  });

  it('marks attested gates attestable and automated ones not (but the partition fallback), and says which AMBER blocks', () => {
    const attestable = catalog.gates.filter((g) => g.judged === 'automated' && g.attestable).map((g) => g.id);
    expect(attestable).toEqual(['data.partitions_provisioned']);
    expect(catalog.gates.filter((g) => g.judged === 'attested').every((g) => g.attestable)).toBe(true);
    expect(catalog.gates.filter((g) => g.blocking).map((g) => g.id)).toEqual([
      'data.migrations_forward_only',
      'data.rls_enabled',
      'tests.unit_integration',
      'obs.slos',
      'sec.authentication',
    ]);
  });

  it('maps tiers to target levels', () => {
    expect(catalog.targets).toEqual({ t0: 'L4', t1: 'L4', t2: 'L3' });
  });

  it('refuses a catalog with a duplicate id, a foreign prefix or an unknown level', () => {
    const base = (gates: string) => `
levels:
${['L0', 'L1', 'L2', 'L3', 'L4', 'L5'].map((l) => `  - { id: ${l}, name: n, meaning: m, requiredFor: r }`).join('\n')}
groups:
  - id: api
    name: API
    gates:
${gates}`;
    const gate = (id: string, level = 'L1') =>
      `      - { id: ${id}, title: t, criteria: c, level: ${level}, judged: automated, evidence: e }`;
    expect(() => parseCatalog(base([gate('api.a'), gate('api.a')].join('\n')))).toThrow(/listed twice/);
    expect(() => parseCatalog(base(gate('docs.a')))).toThrow(/must start with "api."/);
    expect(() => parseCatalog(base(gate('api.a', 'L9')))).toThrow(/must be one of L0/);
    expect(parseCatalog(base(gate('api.a'))).gates.map((g) => g.id)).toEqual(['api.a']);
  });
});
