import { AREAS, type Report } from '../types.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** summary.md: totals, wall time per area, the checks grouped by area, and each failure's evidence. */
export function toMarkdown(report: Report): string {
  const { passed, failed, skipped } = report.summary;
  const lines = [
    `# Conformance: ${failed === 0 ? 'PASS' : 'FAIL'}`,
    '',
    `Target \`${report.target}\` · ${report.startedAt} · ${(report.durationMs / 1000).toFixed(1)} s · ${report.requests} requests · run id \`${report.runId}\``,
    '',
    `**${passed} passed, ${failed} failed, ${skipped} skipped** · profile \`${report.profile}\``,
    '',
    '## Wall time per area',
    '',
    '| area | wall time | passed | failed | skipped |',
    '|---|---:|---:|---:|---:|',
    ...report.areas.map(
      (a) => `| ${a.area} | ${(a.wallMs / 1000).toFixed(2)} s | ${a.passed} | ${a.failed} | ${a.skipped} |`,
    ),
    '',
    `Areas run concurrently, so their wall times overlap; the whole run took ${(report.durationMs / 1000).toFixed(2)} s.`,
    '',
  ];
  for (const area of AREAS) {
    const checks = report.checks.filter((c) => c.area === area);
    if (checks.length === 0) continue;
    lines.push(`## ${area}`, '', '| check | status | gate | detail |', '|---|---|---|---|');
    for (const c of checks) {
      const mark = c.status === 'pass' ? '✅ pass' : c.status === 'fail' ? '❌ fail' : '⏭️ skip';
      lines.push(
        `| \`${c.id}\` | ${mark}${c.status === 'fail' && c.severity === 'warning' ? ' (warning)' : ''} | \`${c.gate}\` | ${cell(c.detail)} |`,
      );
    }
    lines.push('');
  }
  const failures = report.checks.filter((c) => c.status === 'fail');
  if (failures.length) {
    lines.push('## Failures: how to reproduce', '');
    for (const c of failures) {
      lines.push(`### \`${c.id}\` — ${c.title}`, '', c.detail, '');
      if (c.evidence) {
        lines.push(`Tenant: \`${c.evidence.tenant ?? 'none'}\``, '', '```sh', c.evidence.curl, '```', '');
        if (c.evidence.response) {
          lines.push('```http', `HTTP ${c.evidence.response.status}`, c.evidence.response.body, '```', '');
        } else if (c.evidence.error) lines.push(`No answer: ${c.evidence.error}`, '');
      }
    }
  }
  lines.push(...cleanupSection(report));
  return lines.join('\n');
}

/** What the run created, deleted and left behind (every leftover with its URL). */
function cleanupSection(report: Report): string[] {
  const { created, deleted, leftover, deletionUnavailable } = report.cleanup;
  if (created === 0) return ['## Clean-up', '', 'The run created nothing.', ''];
  const lines = [
    '## Clean-up',
    '',
    `Created ${created} resources; deleted ${deleted}; ${leftover.length} left over.`,
    '',
  ];
  if (deletionUnavailable) lines.push(`Deletion is not possible on this target: ${deletionUnavailable}.`, '');
  if (leftover.length) {
    lines.push('| left over | tenant | why |', '|---|---|---|');
    for (const l of leftover) lines.push(`| ${cell(l.url)} | \`${l.tenant}\` | ${cell(l.reason)} |`);
    lines.push('');
  }
  return lines;
}
