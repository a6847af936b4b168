import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from './catalog.js';
import { GATE_IDS, GROUP_IDS } from './gate-ids.js';
import { gateIds, isGateId } from './ids.js';
import { GATE_IDS_MODULE, renderGateIds } from './render-ids.js';

describe('generated gate ids', () => {
  it("is the rendering of today's gates.yaml (run `npm run generate -w @shipshape/contracts` after editing it)", () => {
    const committed = readFileSync(new URL(`../../${GATE_IDS_MODULE}`, import.meta.url), 'utf8');
    expect(committed).toBe(renderGateIds(loadCatalog()));
  });

  it('lists every catalog gate and group once', () => {
    const catalog = loadCatalog();
    expect([...GATE_IDS]).toEqual(catalog.gates.map((g) => g.id));
    expect([...GROUP_IDS]).toEqual(catalog.groups.map((g) => g.id));
    expect(new Set(GATE_IDS).size).toBe(GATE_IDS.length);
  });

  it('tells a built-in gate from an unknown one', () => {
    expect(isGateId('data.rls_enabled')).toBe(true);
    expect(isGateId('data.rls_enable')).toBe(false);
    expect(isGateId('custom.vault_policy_scope')).toBe(false);
  });

  it('types gate tables so a misspelled gate does not compile', () => {
    const table = gateIds({ runbooks: 'obs.runbooks', rls: 'data.rls_enabled' });
    expect(table.runbooks).toBe('obs.runbooks');
    // @ts-expect-error -- 'obs.runbook' is not a gate of gates.yaml: the compiler refuses it.
    expect(gateIds({ typo: 'obs.runbook' }).typo).toBe('obs.runbook');
  });
});
