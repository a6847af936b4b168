/**
 * The gate catalog (@shipshape/contracts) against everything that names a gate: conformance checks, house and
 * service lint rules, and the readiness evaluators. An automated gate nothing evidences would stay AMBER for
 * ever; a gate named by a check but missing from the catalog would be evidence nobody reads.
 */
import { GATE_IDS, isGateId, loadCatalog } from '@shipshape/contracts';
import { builtinChecks } from '@shipshape/conformance';
import { houseRules, serviceRules } from '@shipshape/spectral-ruleset';
import { describe, expect, it } from 'vitest';
import { evaluators } from '../src/evaluators/index.js';

const named: Array<{ by: string; gate: string }> = [
  ...builtinChecks.map((c) => ({ by: `conformance check ${c.id}`, gate: c.gate })),
  ...Object.entries(houseRules as Record<string, { gate: string }>).map(([id, r]) => ({
    by: `house rule ${id}`,
    gate: r.gate,
  })),
  ...Object.entries(serviceRules as Record<string, { gate: string }>).map(([id, r]) => ({
    by: `service rule ${id}`,
    gate: r.gate,
  })),
  ...Object.keys(evaluators).map((gate) => ({ by: `evaluator ${gate}`, gate })),
];

describe('gate ids across the packages', () => {
  it('every gate a check, rule or evaluator names is in the catalog', () => {
    expect(named.filter((n) => !isGateId(n.gate)).map((n) => `${n.by} names ${n.gate}`)).toEqual([]);
  });

  it('every automated gate is evidenced by at least one check, rule or evaluator', () => {
    const evidenced = new Set(named.map((n) => n.gate));
    const automated = loadCatalog().gates.filter((g) => g.judged === 'automated');
    expect(automated.filter((g) => !evidenced.has(g.id)).map((g) => g.id)).toEqual([]);
  });

  it('the catalog holds every built-in gate once', () => {
    expect(new Set(GATE_IDS).size).toBe(loadCatalog().gates.length);
  });
});
