import type { CliIO } from '@shipshape/cli-kit';
import type { ProgressEvent } from './runner.js';
import { AREAS, type Area, type Report } from './types.js';

/**
 * Renders progress: on a TTY one live line per area, rewritten in place (cursor up + clear line);
 * otherwise one plain line per finished check. `CliIO.out` always ends a line, so the TTY form
 * moves the cursor back up over the block of area lines before rewriting it.
 */
export function progressRenderer(io: CliIO): (event: ProgressEvent) => void {
  const state = new Map<Area, { total: number; done: number; failed: number; ms: number }>();
  let drawn = 0;
  let started = performance.now();
  const line = (area: Area) => {
    const s = state.get(area)!;
    const bar = s.done === s.total ? (s.failed ? 'FAIL' : 'done') : `${s.done}/${s.total}`;
    const time = s.done > 0 ? `${(s.ms / 1000).toFixed(1)} s` : '';
    return `  ${area.padEnd(12)} ${bar.padEnd(6)} ${time.padEnd(7)} ${s.failed ? `${s.failed} failed` : ''}`.trimEnd();
  };
  const redraw = () => {
    const areas = AREAS.filter((a) => state.has(a));
    const up = drawn > 0 ? `\u001b[${drawn}A` : '';
    areas.forEach((area, i) => io.out(`${i === 0 ? up : ''}\u001b[2K${line(area)}`));
    drawn = areas.length;
  };
  return (event) => {
    if (event.type === 'plan') {
      const total = event.areas.reduce((sum, a) => sum + a.total, 0);
      io.out(
        `conformance: ${total} checks in ${event.areas.length} areas against ${event.target} (run ${event.runId})`,
      );
      for (const line of event.lines) io.out(`  ${line}`);
      started = performance.now();
      for (const { area, total } of event.areas) state.set(area, { total, done: 0, failed: 0, ms: 0 });
      if (io.isTTY) redraw();
      return;
    }
    const s = state.get(event.result.area)!;
    s.done += 1;
    s.ms = performance.now() - started;
    if (event.result.status === 'fail') s.failed += 1;
    if (io.isTTY) redraw();
    else io.out(`${event.result.status.toUpperCase().padEnd(4)} ${event.result.id} — ${event.result.detail}`);
  };
}

/** The final table, grouped by area, then totals. */
export function renderTable(report: Report): string[] {
  const out: string[] = [];
  const width = Math.max(...report.checks.map((c) => c.id.length), 10);
  for (const area of AREAS) {
    const checks = report.checks.filter((c) => c.area === area);
    if (checks.length === 0) continue;
    const timing = report.areas.find((a) => a.area === area);
    out.push('', `${area} (${((timing?.wallMs ?? 0) / 1000).toFixed(1)} s)`);
    for (const c of checks) {
      const mark = c.status === 'pass' ? 'pass' : c.status === 'fail' ? 'FAIL' : 'skip';
      out.push(`  ${mark}  ${c.id.padEnd(width)}  ${c.status === 'pass' ? c.title : c.detail}`);
      if (c.status === 'fail' && c.evidence) out.push(`        ${c.evidence.curl}`);
    }
  }
  const { passed, failed, skipped } = report.summary;
  out.push(
    '',
    `${passed} passed, ${failed} failed, ${skipped} skipped in ${(report.durationMs / 1000).toFixed(1)} s (${report.requests} requests)`,
  );
  return out;
}
