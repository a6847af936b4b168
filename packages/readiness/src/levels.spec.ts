import { describe, expect, it } from 'vitest';
import { loadCatalog } from './catalog.js';
import { blockingGates, checkFailures, deriveLevel, targetLevel } from './levels.js';
import type { GateResult, GateStatus, LevelId } from './types.js';

const gate = (
  id: string,
  level: LevelId,
  status: GateStatus,
  extra: Partial<GateResult> = {},
): GateResult => ({
  id,
  group: id.split('.')[0],
  title: id,
  level,
  status,
  judged: 'automated',
  attestable: false,
  blocking: false,
  applies: true,
  ...extra,
  reason: '',
  evidence: [],
});

describe('deriveLevel', () => {
  it('is the highest level whose gates and all lower levels’ gates are GREEN', () => {
    const gates = [
      gate('a', 'L0', 'GREEN'),
      gate('b', 'L1', 'GREEN'),
      gate('c', 'L2', 'AMBER'),
      gate('d', 'L3', 'GREEN'),
    ];
    expect(deriveLevel(gates)).toBe('L1');
  });

  it('does not skip a level: a GREEN L3 does not lift a service whose L2 is not met', () => {
    expect(deriveLevel([gate('a', 'L0', 'GREEN'), gate('b', 'L2', 'RED'), gate('c', 'L3', 'GREEN')])).toBe(
      'L1',
    );
  });

  it('is null when an L0 gate is not GREEN, and L5 when everything is', () => {
    expect(deriveLevel([gate('a', 'L0', 'AMBER'), gate('b', 'L1', 'GREEN')])).toBeNull();
    expect(deriveLevel([gate('a', 'L0', 'GREEN'), gate('b', 'L5', 'GREEN')])).toBe('L5');
  });
});

describe('targetLevel', () => {
  const catalog = loadCatalog();
  it('takes readiness.yaml first, then the tier, then L4', () => {
    expect(targetLevel(catalog, 'L2', 't0')).toEqual({ target: 'L2', source: 'readiness.yaml' });
    expect(targetLevel(catalog, undefined, 't2')).toEqual({ target: 'L3', source: 'tier t2' });
    expect(targetLevel(catalog, undefined, 't0').target).toBe('L4');
    expect(targetLevel(catalog, undefined, undefined)).toEqual({ target: 'L4', source: 'default' });
  });
});

describe('blockingGates', () => {
  it('lists the non-GREEN gates at or below the target', () => {
    const gates = [
      gate('a', 'L1', 'AMBER'),
      gate('b', 'L3', 'RED'),
      gate('c', 'L4', 'AMBER'),
      gate('d', 'L2', 'GREEN'),
    ];
    expect(blockingGates(gates, 'L3')).toEqual(['a', 'b']);
  });
});

describe('checkFailures (--check)', () => {
  const gates = [
    gate('a.red_l1', 'L1', 'RED'),
    gate('b.amber_l2', 'L2', 'AMBER'),
    gate('c.blocking_amber_l2', 'L2', 'AMBER', { blocking: true }),
    gate('d.red_l4', 'L4', 'RED'),
    gate('e.na_l1', 'L1', 'GREEN', { applies: false, code: 'NOT_APPLICABLE' }),
  ];

  it('blocks on RED and on blocking AMBER at or below the target, nothing above it', () => {
    expect(checkFailures(gates, 'L2').map((f) => f.id)).toEqual(['a.red_l1', 'c.blocking_amber_l2']);
    expect(checkFailures(gates, 'L0')).toEqual([]);
    expect(checkFailures(gates, 'L5').map((f) => f.id)).toEqual([
      'a.red_l1',
      'c.blocking_amber_l2',
      'd.red_l4',
    ]);
  });

  it('passes a service whose gates at the target are GREEN or plain AMBER', () => {
    expect(checkFailures([gate('a.x', 'L1', 'GREEN'), gate('b.y', 'L2', 'AMBER')], 'L2')).toEqual([]);
  });
});
