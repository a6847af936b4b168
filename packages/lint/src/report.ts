import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  gateOf,
  houseRules,
  owaspRuleIds,
  owaspRules,
  ruleDocAnchor,
  serviceRules,
} from '@shipshape/spectral-ruleset';
import type { Finding, LintReport } from './types.js';

/** `file:line:col severity rule message`, the file relative to `cwd` (so editors can jump to it). */
export function formatFinding(f: Finding, serviceDir: string, cwd: string): string {
  const file = relative(cwd, join(serviceDir, f.file)) || f.file;
  return `${file}:${f.line}:${f.column} ${f.severity} ${f.rule} ${f.message}`;
}

export function formatSummary(report: LintReport): string {
  const { errors, warnings } = report.summary;
  const failing = report.gates.filter((g) => g.status === 'fail').map((g) => g.id);
  return `${report.service}: ${errors} error(s), ${warnings} warning(s) in ${report.files.length} file(s)${
    failing.length > 0 ? `; failing gates: ${failing.join(', ')}` : ''
  }`;
}

const LEVEL = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;
const DESCRIPTIONS: Record<string, string> = Object.fromEntries([
  ...[...Object.entries(houseRules), ...Object.entries(serviceRules)].map(([id, r]) => [id, r.description]),
  ...owaspRuleIds.map((id) => [id, `OWASP API Security: ${owaspRules[id].asks}`]),
]);

/**
 * SARIF 2.1.0 of a report, for code-scanning UIs. Written by hand: it is a small JSON shape, and
 * the SARIF builder on npm (node-sarif-builder 5) requires Node 22.
 */
export function toSarif(report: LintReport): object {
  const ids = [...new Set([...Object.keys(DESCRIPTIONS), ...report.findings.map((f) => f.rule)])];
  const index = new Map(ids.map((id, i) => [id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'shipshape-lint',
            version: report.version,
            rules: ids.map((id) => ({
              id,
              shortDescription: { text: DESCRIPTIONS[id] ?? id },
              ...(DESCRIPTIONS[id]
                ? { help: { text: `See ${ruleDocAnchor(id)} in @shipshape/spectral-ruleset.` } }
                : {}),
              properties: { gate: report.findings.find((f) => f.rule === id)?.gate ?? gateOf(id) },
            })),
          },
        },
        originalUriBaseIds: { SERVICEROOT: { uri: pathToFileURL(report.serviceDir + '/').href } },
        results: report.findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: index.get(f.rule),
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file, uriBaseId: 'SERVICEROOT' },
                region: { startLine: f.line, startColumn: f.column },
              },
              ...(f.pointer ? { logicalLocations: [{ fullyQualifiedName: f.pointer, kind: 'member' }] } : {}),
            },
          ],
          properties: { gate: f.gate },
        })),
      },
    ],
  };
}

/** Writes `lint.json` and `lint.sarif` into `dir`; returns their paths. */
export async function writeReports(
  report: LintReport,
  dir: string,
): Promise<{ json: string; sarif: string }> {
  await mkdir(dir, { recursive: true });
  const json = join(dir, 'lint.json');
  const sarif = join(dir, 'lint.sarif');
  await writeFile(json, JSON.stringify(report, null, 2) + '\n');
  await writeFile(sarif, JSON.stringify(toSarif(report), null, 2) + '\n');
  return { json, sarif };
}
