import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, makeService } from '../test/support.js';
import { loadCatalog } from './catalog.js';
import { evaluateReadiness } from './evaluate.js';
import { ReadinessInputError } from './context.js';

afterAll(cleanup);

const NOW = new Date('2026-11-20T12:00:00Z');
const gate = (result: Awaited<ReturnType<typeof evaluateReadiness>>, id: string) =>
  result.gates.find((g) => g.id === id)!;

/** A catalog of just the groups these tests need (no lint run for the other gates). */
function catalog(groups: string[]) {
  const full = loadCatalog();
  const kept = full.groups.filter((g) => groups.includes(g.id));
  return { ...full, groups: kept, gates: kept.flatMap((g) => g.gates) };
}

describe('attested gates', () => {
  it('are GREEN while fresh, AMBER when missing, stale or invalid — with the reason', async () => {
    const dir = await makeService({
      'readiness/attestations.yaml': [
        '- { gate: ops.dr_drill, by: "@sre", at: 2026-10-01, evidence: "drill log #12" }',
        '- { gate: ops.rollback_tested, by: "@sre", at: 2026-09-01, evidence: "rollback of 1.2" }',
        '- { gate: ops.on_call_rotation, by: "@sre", at: 2026-11-01, evidence: "pagerduty", expiresAfter: 1w }',
        '- { gate: ops.canary_verified, at: 2026-11-19, evidence: "release 1.3" }',
      ].join('\n'),
    });
    const result = await evaluateReadiness(dir, { now: NOW, catalog: catalog(['ops']) });
    expect(gate(result, 'ops.dr_drill')).toMatchObject({
      status: 'GREEN',
      reason: 'attested by @sre on 2026-10-01 (fresh for 90d)',
    });
    expect(gate(result, 'ops.dr_drill').evidence).toEqual([
      {
        kind: 'attestation',
        ref: 'readiness/attestations.yaml:1',
        detail: '@sre, 2026-10-01: drill log #12',
      },
    ]);
    expect(gate(result, 'ops.rollback_tested')).toMatchObject({
      status: 'AMBER',
      reason: 'stale: attested by @sre on 2026-09-01, 80 days ago (fresh for 30d)',
    });
    expect(gate(result, 'ops.on_call_rotation').reason).toBe(
      'stale: attested by @sre on 2026-11-01, 19 days ago (fresh for 1w)',
    );
    expect(gate(result, 'ops.canary_verified').reason).toBe(
      'the attestation at readiness/attestations.yaml:4 is invalid: by (who attests) is missing',
    );
    expect(gate(result, 'ops.cost_dashboard').reason).toBe(
      'not attested: add { gate: ops.cost_dashboard, by, at, evidence } to readiness/attestations.yaml',
    );
  });

  it('never turn an automated gate GREEN, and say so', async () => {
    const dir = await makeService({
      'readiness/attestations.yaml':
        '- { gate: ops.helm_chart, by: "@me", at: 2026-11-01, evidence: "trust me" }\n- { gate: ops.nope, by: a, at: 2026-11-01, evidence: x }\n',
    });
    const result = await evaluateReadiness(dir, { now: NOW, catalog: catalog(['ops']) });
    expect(gate(result, 'ops.helm_chart').status).toBe('RED');
    expect(result.warnings).toEqual([
      'attestation for ops.helm_chart is ignored: that gate is judged from artifacts',
      'attestation for unknown gate ops.nope',
    ]);
  });

  it('stop the run with one line when the file is not YAML', async () => {
    const dir = await makeService({ 'readiness/attestations.yaml': 'gate: [' });
    await expect(evaluateReadiness(dir, { now: NOW, catalog: catalog(['ops']) })).rejects.toThrow(
      ReadinessInputError,
    );
  });
});

describe('gates that do not apply', () => {
  it('read applies: false from the doc front matter (sync) or an attestation (ai), and still check ai.through_orchestrator', async () => {
    const dir = await makeService({
      'docs/SYNC_CONTRACT.md': '---\napplies: false\nreason: no client keeps a local replica\n---\n# sync\n',
      'docs/AI_INTEGRATION.md': '# ai\n',
      'package.json': JSON.stringify({ dependencies: { openai: '4.0.0' } }),
      'readiness/attestations.yaml':
        '- { gate: "ai.*", by: "@lead", at: 2026-11-01, applies: false, reason: no AI features }\n',
    });
    const result = await evaluateReadiness(dir, { now: NOW, catalog: catalog(['sync', 'ai']) });
    expect(gate(result, 'sync.signed_deltas')).toMatchObject({
      status: 'GREEN',
      applies: false,
      reason: 'does not apply: no client keeps a local replica (declared in docs/SYNC_CONTRACT.md)',
    });
    expect(gate(result, 'ai.bias_review')).toMatchObject({
      status: 'GREEN',
      applies: false,
      reason: 'does not apply: no AI features (attested by @lead)',
    });
    const direct = gate(result, 'ai.through_orchestrator');
    expect(direct.status).toBe('RED');
    expect(direct.reason).toBe(
      'direct model access: package.json depends on openai — although the service declares it does not apply: no AI features (attested by @lead)',
    );
  });

  it('stay AMBER like any attested gate when nothing declares them out of scope', async () => {
    const dir = await makeService({ 'docs/SYNC_CONTRACT.md': '# sync\n\nNone.\n' });
    const result = await evaluateReadiness(dir, { now: NOW, catalog: catalog(['sync']) });
    expect(result.gates.map((g) => [g.status, g.applies])).toEqual([
      ['AMBER', true],
      ['AMBER', true],
      ['AMBER', true],
    ]);
  });
});
