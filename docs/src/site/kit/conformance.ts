import { AREAS, builtinChecks, type CheckDefinition } from '@shipshape/conformance';
import { anchorOf, cell, code } from '../util.js';

/** The check catalog, rendered from the registry @shipshape/conformance exports (ids are public and stable). */
export function conformancePage(checks: CheckDefinition[] = builtinChecks): string {
  const lines = [
    '# Conformance checks',
    '',
    '<!-- Generated at build time from the check registry of @shipshape/conformance. -->',
    '',
    '`shipshape conformance` runs these black-box checks against any service with an OpenAPI document.',
    'Each check names the readiness gate it evidences. A check that needs something the spec does not',
    'have (a collection to create in, a second tenant) skips with the reason; `--read-only` skips the ones',
    'that write.',
    '',
  ];
  for (const area of AREAS) {
    const inArea = checks.filter((c) => c.id.startsWith(`${area}.`));
    if (!inArea.length) continue;
    lines.push(`## ${area}`, '');
    for (const c of inArea) {
      const profile = (c as CheckDefinition & { profile?: string }).profile;
      const severity = (c as CheckDefinition & { severity?: string }).severity;
      lines.push(
        `### ${c.id} {#${anchorOf(c.id)}}`,
        '',
        cell(c.title),
        '',
        `- area: ${code(area)}`,
        `- gate: [${code(c.gate)}](./gates#${anchorOf(c.gate.split(',')[0].trim())})`,
        ...(profile ? [`- profile: ${code(profile)}`] : []),
        ...(severity ? [`- severity: ${code(severity)}`] : []),
        `- writes: ${c.writes ? 'yes (skipped under `--read-only`)' : 'no'}`,
        `- needs from the spec: ${(c.requires ?? []).join(', ') || 'nothing'}`,
        ...(c.final ? ['- runs last (judges what the whole run saw)'] : []),
        '',
      );
    }
  }
  return lines.join('\n');
}
