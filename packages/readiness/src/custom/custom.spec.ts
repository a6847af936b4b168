import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, makeService } from '../../test/support.js';
import { loadCatalog } from '../catalog.js';
import { ReadinessInputError } from '../context.js';
import { evaluateReadiness } from '../evaluate.js';

afterAll(cleanup);

const NOW = new Date('2026-11-20T12:00:00Z');
const EXAMPLE = readFileSync(
  new URL('../../examples/custom-gates/readiness/gates.yaml', import.meta.url),
  'utf8',
);
/** Only the groups the example extends (no lint, no database for the rest). */
const catalog = () => {
  const full = loadCatalog();
  const kept = full.groups.filter((g) => g.id === 'sec').map((g) => ({ ...g, gates: g.gates.slice(0, 1) }));
  return { ...full, groups: kept, gates: kept.flatMap((g) => g.gates) };
};
const TICKET = 'https://tickets.example.com/REL-42';
const signOff = (roles: string[], at = '2026-11-18') =>
  roles
    .map(
      (role) =>
        `- { gate: release.sign_off, role: ${role}, by: "@${role}", at: ${at}, evidence: "${TICKET}" }`,
    )
    .join('\n');

async function run(files: Record<string, string>) {
  const dir = await makeService({ 'readiness/gates.yaml': EXAMPLE, ...files });
  const result = await evaluateReadiness(dir, { now: NOW, catalog: catalog() });
  return (id: string) => result.gates.find((g) => g.id === id)!;
}

describe('custom gates from data (the seed-style example)', () => {
  it('are levelled and shown like built-in gates, in their group or a new one', async () => {
    const gate = await run({});
    expect(gate('sec.vault_policy_scope')).toMatchObject({
      group: 'sec',
      level: 'L3',
      blocking: true,
      judged: 'automated',
    });
    expect(gate('release.sign_off')).toMatchObject({
      group: 'release',
      level: 'L4',
      judged: 'attested',
      attestable: true,
    });
  });

  it('file check: GREEN for a non-empty match, RED when missing or empty', async () => {
    expect(
      (
        await run({
          'vault/policies/orders.hcl': 'path "secret/ops/operators/*" { capabilities = ["read"] }\n',
        })
      )('sec.vault_policy_committed').status,
    ).toBe('GREEN');
    expect((await run({}))('sec.vault_policy_committed')).toMatchObject({
      status: 'RED',
      reason: 'no file matches vault/policies/*.hcl',
    });
    expect((await run({ 'vault/policies/orders.hcl': '  \n' }))('sec.vault_policy_committed').reason).toBe(
      'empty: vault/policies/orders.hcl',
    );
  });

  it('JSON check: GREEN at the threshold, RED past it, AMBER without the report', async () => {
    const report = (n: number) => JSON.stringify({ summary: { outsideScope: n } });
    expect(
      (await run({ 'reports/vault/policy-scope.json': report(0) }))('sec.vault_policy_scope').status,
    ).toBe('GREEN');
    expect(
      (await run({ 'reports/vault/policy-scope.json': report(2) }))('sec.vault_policy_scope'),
    ).toMatchObject({
      status: 'RED',
      reason: 'reports/vault/policy-scope.json $.summary.outsideScope = 2 (needs == 0)',
    });
    expect((await run({}))('sec.vault_policy_scope').status).toBe('AMBER');
  });

  it('four-role sign-off: GREEN with every role fresh, AMBER naming the missing or stale roles', async () => {
    const all = ['tech-lead', 'sre', 'security', 'carrier-ops'];
    expect((await run({ 'readiness/attestations.yaml': signOff(all) }))('release.sign_off').status).toBe(
      'GREEN',
    );
    expect(
      (await run({ 'readiness/attestations.yaml': signOff(all.slice(0, 3)) }))('release.sign_off').reason,
    ).toBe('sign-off missing: carrier-ops');
    expect(
      (await run({ 'readiness/attestations.yaml': signOff(all, '2026-09-01') }))('release.sign_off').reason,
    ).toMatch(/^sign-off stale or future-dated: tech-lead/);
  });

  it('a file that redefines a built-in gate or names no known group stops the run with one line', async () => {
    const broken = (gates: string) => makeService({ 'readiness/gates.yaml': gates });
    await expect(
      evaluateReadiness(
        await broken(
          'gates:\n  - { id: sec.authentication, title: x, criteria: x, level: L1, evidence: x, check: { file: x } }\n',
        ),
        { catalog: catalog() },
      ),
    ).rejects.toThrow(/sec.authentication is a built-in gate/);
    await expect(
      evaluateReadiness(
        await broken(
          'gates:\n  - { id: zzz.one, title: x, criteria: x, level: L1, evidence: x, check: { file: x } }\n',
        ),
        { catalog: catalog() },
      ),
    ).rejects.toThrow(ReadinessInputError);
  });
});
