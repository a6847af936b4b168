import { pathToFileURL } from 'node:url';
import { TOOL_NAME, toolVersion } from '../version.js';
import type { ReadinessResult } from '../types.js';
import { fileLocations } from './locations.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/**
 * SARIF 2.1.0: one rule per gate of the catalog, one result per gate that is not GREEN (RED → error, AMBER →
 * warning), located at the files its evidence names, relative to the service folder (`%SRCROOT%`).
 */
export function toSarif(result: ReadinessResult): Record<string, unknown> {
  const rules = result.gates.map((g) => ({
    id: g.id,
    name: g.title.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')),
    shortDescription: { text: g.title },
    properties: { group: g.group, level: g.level, judged: g.judged, blocking: g.blocking },
  }));
  const results = result.gates
    .filter((g) => g.applies && g.status !== 'GREEN')
    .map((g) => {
      const locations = fileLocations(g).map((l) => ({
        physicalLocation: {
          artifactLocation: { uri: l.path, uriBaseId: '%SRCROOT%' },
          ...(l.line ? { region: { startLine: l.line } } : {}),
        },
      }));
      return {
        ruleId: g.id,
        ruleIndex: rules.findIndex((r) => r.id === g.id),
        level: g.status === 'RED' ? 'error' : 'warning',
        message: { text: `${g.title} (${g.level}) ${g.status}: ${g.reason}` },
        ...(locations.length ? { locations } : {}),
        properties: { status: g.status, ...(g.code ? { reasonCode: g.code } : {}) },
      };
    });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: toolVersion(),
            informationUri: 'https://github.com/shipshape/shipshape/tree/main/packages/readiness',
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(result.serviceDir).href}/` } },
        invocations: [{ executionSuccessful: true, endTimeUtc: result.evaluatedAt }],
        results,
        properties: { service: result.service, level: result.level, target: result.target },
      },
    ],
  };
}
