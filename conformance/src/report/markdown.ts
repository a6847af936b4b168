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
    `**${passed} passed, ${failed} failed, ${skipped} skipped**`,
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
      lines.push(`| \`${c.id}\` | ${mark} | \`${c.gate}\` | ${cell(c.detail)} |`);
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
  if (report.cleanup.leftover.length) {
    lines.push(
      '## Clean-up',
      '',
      `Left behind (no delete possible): ${report.cleanup.leftover.map((id) => `\`${id}\``).join(', ')}`,
      '',
    );
  } else if (report.cleanup.deleted) {
    lines.push('## Clean-up', '', `Deleted the ${report.cleanup.deleted} resources the run created.`, '');
  }
  return lines.join('\n');
}
