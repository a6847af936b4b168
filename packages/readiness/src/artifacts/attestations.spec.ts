import { describe, expect, it } from 'vitest';
import { AttestationFileError, matchesGate, parseAttestations } from './attestations.js';

describe('parseAttestations', () => {
  it('reads a list (or an attestations: list) with lines, and sets invalid entries apart with why', () => {
    const file = parseAttestations(
      [
        'attestations:',
        '  - gate: sec.threat_model',
        '    by: "@alice"',
        '    at: 2026-10-01',
        '    evidence: https://wiki/threat-review',
        '  - gate: ops.dr_drill',
        '    at: 2026-10-01',
        '    evidence: drill log',
        '  - gate: sync.*',
        '    by: "@bob"',
        '    at: 2026-09-01',
        '    applies: false',
      ].join('\n'),
    );
    expect(file.entries).toHaveLength(1);
    expect(file.entries[0]).toMatchObject({ gate: 'sec.threat_model', by: '@alice', line: 2 });
    expect(file.entries[0].at.toISOString().slice(0, 10)).toBe('2026-10-01');
    expect(file.invalid).toEqual([
      { gate: 'ops.dr_drill', line: 6, problem: 'by (who attests) is missing' },
      { gate: 'sync.*', line: 9, problem: 'applies: false needs a reason' },
    ]);
  });

  it('throws one line for a file that is not YAML or not a list', () => {
    expect(() => parseAttestations('gate: [')).toThrow(AttestationFileError);
    expect(() => parseAttestations('gate: x')).toThrow(/must be a list/);
    expect(parseAttestations('').entries).toEqual([]);
  });

  it('matches a gate id or a group wildcard', () => {
    expect(matchesGate('sync.*', 'sync.signed_deltas')).toBe(true);
    expect(matchesGate('sync.*', 'sec.crypto')).toBe(false);
    expect(matchesGate('sec.crypto', 'sec.crypto')).toBe(true);
  });
});
