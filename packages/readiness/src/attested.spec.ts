import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, makeService } from '../test/support.js';
import { loadCatalog } from './catalog.js';
import { evaluateReadiness } from './evaluate.js';
import { ReadinessInputError } from './context.js';

afterAll(cleanup);

/** The injected clock of every test: attestations are judged against it, never against the wall clock. */
const NOW = new Date('2026-11-20T12:00:00Z');
const gate = (result: Awaited<ReturnType<typeof evaluateReadiness>>, id: string) =>
  result.gates.find((g) => g.id === id)!;

/** A catalog of just the groups these tests need (no lint run for the other gates). */
function catalog(groups: string[]) {
  const full = loadCatalog();
  const kept = full.groups.filter((g) => groups.includes(g.id));
  return { ...full, groups: kept, gates: kept.flatMap((g) => g.gates) };
}

const URL = 'https://wiki.example.com/records/1';

describe('attested gates', () => {
  it('are GREEN while fresh, AMBER when missing, stale or invalid — with the reason', async () => {
    const dir = await makeService({
      'readiness/attestations.yaml': [
        `- { gate: ops.dr_drill, by: "@sre", at: 2026-10-01, evidence: "${URL}" }`,
        `- { gate: ops.rollback_tested, by: "@sre", at: 2026-09-01, evidence: "${URL}" }`,
        `- { gate: ops.on_call_rotation, by: "@sre", at: 2026-11-01, evidence: "${URL}", expiresAfter: 1w }`,
        `- { gate: ops.canary_verified, at: 2026-11-19, evidence: "${URL}" }`,
      ].join('\n'),
    });
    const result = await evaluateReadiness(dir, { now: NOW, catalog: catalog(['ops']) });
    expect(gate(result, 'ops.dr_drill')).toMatchObject({
      status: 'GREEN',
      reason: 'attested by @sre on 2026-10-01 (fresh for 90d)',
    });
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

  it('expiresAfter shortens the gate window but never lengthens it (100y on a 90d gate is still 90d)', async () => {
    const dir = await makeService({
      'readiness/attestations.yaml': `- { gate: ops.dr_drill, by: "@sre", at: 2026-01-01, evidence: "${URL}", expiresAfter: 100y }\n`,
    });
    const result = await evaluateReadiness(dir, { now: NOW, catalog: catalog(['ops']) });
    expect(gate(result, 'ops.dr_drill').status).toBe('AMBER');
    expect(gate(result, 'ops.dr_drill').reason).toMatch(
      /^stale: .* \(fresh for 90d; expiresAfter 100y cannot lengthen/,
    );
    expect(result.warnings).toContain(
      'readiness/attestations.yaml:1: expiresAfter 100y cannot lengthen the 90d window of ops.dr_drill',
    );
    // Same attestation, a clock 30 days after it: fresh within the gate's own window.
    const fresh = await evaluateReadiness(dir, {
      now: new Date('2026-01-31T00:00:00Z'),
      catalog: catalog(['ops']),
    });
    expect(gate(fresh, 'ops.dr_drill').status).toBe('GREEN');
  });

  it('accept as evidence only a URL or a file of the repository that exists', async () => {
    const dir = await makeService({
      'readiness/attestations.yaml': [
        '- { gate: ops.dr_drill, by: "@sre", at: 2026-11-01, evidence: ok }',
        '- { gate: ops.rollback_tested, by: "@sre", at: 2026-11-01, evidence: docs/records/rollback.md }',
        '- { gate: ops.canary_verified, by: "@sre", at: 2026-11-01, evidence: docs/records/missing.md }',
      ].join('\n'),
      'docs/records/rollback.md': '# Rollback of 1.3\n\nRolled back in 4 minutes.\n',
    });
    const result = await evaluateReadiness(dir, { now: NOW, catalog: catalog(['ops']) });
    expect(gate(result, 'ops.dr_drill')).toMatchObject({
      status: 'AMBER',
      reason:
        'the attestation at readiness/attestations.yaml:1 is not accepted: evidence "ok" is neither a URL nor a file of the repository',
    });
    expect(gate(result, 'ops.rollback_tested').status).toBe('GREEN');
    expect(gate(result, 'ops.canary_verified').status).toBe('AMBER');
  });

  it('take `by` only from CODEOWNERS when the repository has one', async () => {
    const dir = await makeService(
      {
        'readiness/attestations.yaml': [
          `- { gate: ops.dr_drill, by: "@acme/sre", at: 2026-11-01, evidence: "${URL}" }`,
          `- { gate: ops.rollback_tested, by: "@someone-else", at: 2026-11-01, evidence: "${URL}" }`,
        ].join('\n'),
      },
      'svc',
    );
    const root = dirname(dir);
    await mkdir(join(root, '.github'), { recursive: true });
    await writeFile(join(root, 'nx.json'), '{}');
    await writeFile(join(root, '.github', 'CODEOWNERS'), '# owners\nservices/svc/ @acme/sre @alice\n');
    const result = await evaluateReadiness(dir, { now: NOW, catalog: catalog(['ops']) });
    expect(gate(result, 'ops.dr_drill').status).toBe('GREEN');
    expect(gate(result, 'ops.rollback_tested')).toMatchObject({
      status: 'AMBER',
      reason:
        'the attestation at readiness/attestations.yaml:2 is not accepted: @someone-else is not a handle or team of .github/CODEOWNERS',
    });
  });

  it('never move an automated gate, `applies: false` included, and say so', async () => {
    const dir = await makeService({
      'readiness/attestations.yaml': [
        `- { gate: ops.helm_chart, by: "@me", at: 2026-11-01, evidence: "${URL}" }`,
        '- { gate: ops.helm_chart, by: "@me", at: 2026-11-01, applies: false, reason: no k8s }',
        `- { gate: ops.nope, by: a, at: 2026-11-01, evidence: "${URL}" }`,
      ].join('\n'),
    });
    const result = await evaluateReadiness(dir, { now: NOW, catalog: catalog(['ops']) });
    expect(gate(result, 'ops.helm_chart')).toMatchObject({ status: 'RED', applies: true });
    expect(result.warnings).toEqual([
      'readiness/attestations.yaml:1: attestation for ops.helm_chart is ignored: that gate is judged from artifacts only',
      'readiness/attestations.yaml:2: attestation for ops.helm_chart (applies: false) is ignored: that gate is judged from artifacts only',
      'readiness/attestations.yaml:3: attestation for unknown gate ops.nope',
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
  it('need an attestation by a person: a doc front matter is not enough (a fresh service shows sync AMBER)', async () => {
    const dir = await makeService({
      'docs/SYNC_CONTRACT.md': '---\napplies: false\nreason: no client keeps a local replica\n---\n# sync\n',
    });
    const result = await evaluateReadiness(dir, { now: NOW, catalog: catalog(['sync']) });
    expect(result.gates.map((g) => [g.status, g.applies])).toEqual([
      ['AMBER', true],
      ['AMBER', true],
      ['AMBER', true],
    ]);
    expect(result.warnings[0]).toMatch(/^docs\/SYNC_CONTRACT.md says applies: false, which is not enough/);
  });

  it('are NOT_APPLICABLE by an attestation, while ai.through_orchestrator is still judged', async () => {
    const dir = await makeService({
      'docs/AI_INTEGRATION.md': '# ai\n',
      'package.json': JSON.stringify({ dependencies: { openai: '4.0.0' } }),
      'readiness/attestations.yaml':
        '- { gate: "ai.*", by: "@lead", at: 2026-11-01, applies: false, reason: no AI features }\n',
    });
    const result = await evaluateReadiness(dir, { now: NOW, catalog: catalog(['ai']) });
    expect(gate(result, 'ai.bias_review')).toMatchObject({
      status: 'GREEN',
      code: 'NOT_APPLICABLE',
      applies: false,
      reason: 'does not apply: no AI features (attested by @lead)',
    });
    expect(gate(result, 'ai.through_orchestrator')).toMatchObject({ status: 'RED', applies: true });
  });
});
