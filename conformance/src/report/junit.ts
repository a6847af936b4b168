import { AREAS } from '../types.js';
import type { Report } from '../types.js';

function xml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // XML 1.0 forbids most control characters even escaped.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
  );
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** JUnit XML: one testsuite per area, one testcase per check; failures carry the curl line. */
export function toJunit(report: Report): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="shipshape conformance" tests="${report.checks.length}" failures="${report.summary.failed}" skipped="${report.summary.skipped}" time="${seconds(report.durationMs)}" timestamp="${report.startedAt}">`,
  ];
  for (const area of AREAS) {
    const checks = report.checks.filter((c) => c.area === area);
    if (checks.length === 0) continue;
    const timing = report.areas.find((a) => a.area === area);
    lines.push(
      `  <testsuite name="${area}" tests="${checks.length}" failures="${checks.filter((c) => c.status === 'fail').length}" skipped="${checks.filter((c) => c.status === 'skip').length}" time="${seconds(timing?.wallMs ?? 0)}">`,
    );
    for (const c of checks) {
      const open = `    <testcase classname="conformance.${area}" name="${xml(c.id)}: ${xml(c.title)}" time="${seconds(c.durationMs)}">`;
      if (c.status === 'pass') {
        lines.push(`${open}</testcase>`);
      } else if (c.status === 'skip') {
        lines.push(open, `      <skipped message="${xml(c.detail)}"/>`, '    </testcase>');
      } else {
        const body = [
          `gate: ${c.gate}`,
          c.detail,
          c.evidence ? `tenant: ${c.evidence.tenant ?? 'none'}` : '',
          c.evidence ? `curl: ${c.evidence.curl}` : '',
          c.evidence?.response ? `response: ${c.evidence.response.status} ${c.evidence.response.body}` : '',
          c.evidence?.error ? `error: ${c.evidence.error}` : '',
        ]
          .filter(Boolean)
          .join('\n');
        lines.push(
          open,
          `      <failure message="${xml(c.detail)}" type="${xml(c.gate)}">${xml(body)}</failure>`,
          '    </testcase>',
        );
      }
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}
