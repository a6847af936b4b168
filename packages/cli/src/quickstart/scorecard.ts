/**
 * The quick start's scorecard: one row per readiness gate that the run produced evidence for, folded from the
 * conformance report (each check names the gate it evidences) and the lint report. A gate is GREEN when every
 * check evidencing it passed, RED when one failed, AMBER when all of its checks were skipped (no evidence).
 */
export type GateStatus = 'GREEN' | 'AMBER' | 'RED';

export interface EvidenceItem {
  /** Where the verdict comes from: `conformance` or `lint`. */
  source: string;
  id: string;
  gate: string;
  status: 'pass' | 'fail' | 'skip';
  detail?: string;
}

export interface GateRow {
  gate: string;
  status: GateStatus;
  passed: number;
  failed: number;
  skipped: number;
  reason: string;
}

export function foldGates(items: EvidenceItem[]): GateRow[] {
  const byGate = new Map<string, EvidenceItem[]>();
  for (const item of items) {
    for (const gate of item.gate
      .split(',')
      .map((g) => g.trim())
      .filter(Boolean)) {
      const list = byGate.get(gate) ?? [];
      list.push(item);
      byGate.set(gate, list);
    }
  }
  return [...byGate.entries()]
    .map(([gate, list]) => {
      const failed = list.filter((i) => i.status === 'fail');
      const passed = list.filter((i) => i.status === 'pass').length;
      const skipped = list.filter((i) => i.status === 'skip').length;
      const status: GateStatus = failed.length ? 'RED' : passed ? 'GREEN' : 'AMBER';
      const reason = failed.length
        ? `failed: ${failed.map((i) => i.id).join(', ')}`
        : passed
          ? `${passed} check${passed === 1 ? '' : 's'} passed (${[...new Set(list.map((i) => i.source))].join(' + ')})`
          : `no evidence: ${list.length} check${list.length === 1 ? '' : 's'} skipped`;
      return { gate, status, passed, failed: failed.length, skipped, reason };
    })
    .sort((a, b) => a.gate.localeCompare(b.gate));
}

export function renderScorecard(rows: GateRow[]): string[] {
  const width = Math.max(4, ...rows.map((r) => r.gate.length));
  const lines = [`${'gate'.padEnd(width)}  status  evidence`];
  for (const row of rows) lines.push(`${row.gate.padEnd(width)}  ${row.status.padEnd(6)}  ${row.reason}`);
  const count = (s: GateStatus) => rows.filter((r) => r.status === s).length;
  lines.push('', `${count('GREEN')} GREEN, ${count('AMBER')} AMBER, ${count('RED')} RED`);
  return lines;
}
