import { describe, expect, it } from 'vitest';
import { foldGates, renderScorecard, type EvidenceItem } from './scorecard.js';

const item = (
  id: string,
  gate: string,
  status: EvidenceItem['status'],
  source = 'conformance',
): EvidenceItem => ({
  id,
  gate,
  status,
  source,
});

describe('foldGates', () => {
  it('is GREEN when every check of a gate passed', () => {
    const [row] = foldGates([
      item('idempotency.replay', 'api.idempotency', 'pass'),
      item('idempotency.mismatch', 'api.idempotency', 'pass'),
    ]);
    expect(row).toMatchObject({ gate: 'api.idempotency', status: 'GREEN', passed: 2, failed: 0 });
  });

  it('is RED when one check failed, naming it', () => {
    const [row] = foldGates([
      item('tenancy.read', 'sec.tenancy', 'pass'),
      item('tenancy.list', 'sec.tenancy', 'fail'),
    ]);
    expect(row).toMatchObject({ status: 'RED', reason: 'failed: tenancy.list' });
  });

  it('is AMBER when all checks were skipped', () => {
    const [row] = foldGates([item('tracing.keep', 'api.tracing', 'skip')]);
    expect(row).toMatchObject({ status: 'AMBER', skipped: 1 });
  });

  it('counts a check towards every gate it names, sorted by gate id', () => {
    const rows = foldGates([
      item('health.metrics', 'obs.metrics, obs.logs', 'pass'),
      item('lint', 'api.openapi_present', 'pass', 'lint'),
    ]);
    expect(rows.map((r) => r.gate)).toEqual(['api.openapi_present', 'obs.logs', 'obs.metrics']);
  });
});

describe('renderScorecard', () => {
  it('ends with the totals', () => {
    const lines = renderScorecard(foldGates([item('a', 'g.one', 'pass'), item('b', 'g.two', 'fail')]));
    expect(lines.at(-1)).toBe('1 GREEN, 0 AMBER, 1 RED');
  });
});
