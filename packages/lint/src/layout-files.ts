/**
 * The checks of the files whose place the service descriptor gives: the error registry (cross-checked with
 * the OpenAPI problem code enums both ways), the Prometheus rule files with their runbooks, the SLO files.
 */
import type { ResolvedLayout } from '@shipshape/contracts';
import { gateOf } from '@shipshape/spectral-ruleset';
import { checkAlerts } from './alerts.js';
import { FileFindings } from './finding.js';
import { problemCodeEnums } from './problem-codes.js';
import { readRegistry } from './registry.js';
import { checkSlos, openSloList } from './slos.js';
import type { Finding } from './types.js';
import { YamlSource } from './yaml-source.js';

/** A finding about a file that is not there. */
export function missing(file: string, rule: string, message: string): Finding {
  return {
    file,
    line: 1,
    column: 1,
    severity: 'error',
    rule,
    message,
    gate: gateOf(rule) ?? 'api.openapi_present',
  };
}

async function readSource(file: string): Promise<YamlSource | undefined> {
  try {
    return await YamlSource.read(file);
  } catch {
    return undefined;
  }
}

export interface OpenApiDoc {
  /** Relative to the service. */
  file: string;
  source: YamlSource;
  value: unknown;
}

/** The error registry, and the OpenAPI problem code enums against it both ways. `files` gets what was read. */
export async function checkRegistryFile(
  layout: ResolvedLayout,
  openapi: OpenApiDoc | undefined,
  files: string[],
): Promise<Finding[]> {
  const path = layout.errorRegistry;
  const source = await readSource(layout.abs(path));
  if (!source) return [missing(path, 'shipshape-error-registry-valid', `error registry ${path} is missing`)];
  files.push(path);
  const out = new FileFindings(path, source);
  const findings: Finding[] = [];
  if (!out.syntaxErrors('shipshape-error-registry-valid')) {
    const entries = readRegistry(source.value, out);
    if (openapi && entries.length > 0) {
      const enums = problemCodeEnums(openapi.value);
      const registered = new Set(entries.map((e) => e.code));
      const openapiOut = new FileFindings(openapi.file, openapi.source);
      for (const [code, at] of enums) {
        if (!registered.has(code)) {
          openapiOut.add(
            'shipshape-error-codes-registered',
            `error code ${code} is not registered in ${path}`,
            at,
          );
        }
      }
      for (const entry of entries) {
        if (!enums.has(entry.code)) {
          out.add(
            'shipshape-error-codes-registered',
            `registered code ${entry.code} is in no problem code enum of ${openapi.file}`,
            entry.path,
          );
        }
      }
      findings.push(...openapiOut.findings);
    }
  }
  return [...findings, ...out.findings];
}

/** The alert rule files with their runbooks, then the SLO files (which name alerts). */
export async function checkOpsFiles(layout: ResolvedLayout, files: string[]): Promise<Finding[]> {
  const findings: Finding[] = [];
  const alertNames = new Set<string>();
  for (const path of layout.alerts) {
    const source = await readSource(layout.abs(path));
    if (!source) {
      findings.push(missing(path, 'shipshape-alerts-valid', `alert rules ${path} are missing`));
      continue;
    }
    files.push(path);
    const out = new FileFindings(path, source);
    if (!out.syntaxErrors('shipshape-alerts-valid'))
      for (const name of await checkAlerts(source.value, out, layout.root, layout.runbooks))
        alertNames.add(name);
    findings.push(...out.findings);
  }
  for (const path of layout.slos) {
    const source = await readSource(layout.abs(path));
    if (!source) {
      findings.push(missing(path, 'shipshape-slos-valid', `SLOs ${path} are missing`));
      continue;
    }
    files.push(path);
    const openSlo = openSloList(source.text);
    // OpenSLO is several YAML documents: findings point at the file (its documents have no `slos` path)
    const out = new FileFindings(path, openSlo ? undefined : source);
    if (openSlo) checkSlos(openSlo, out, alertNames);
    else if (!out.syntaxErrors('shipshape-slos-valid')) checkSlos(source.value, out, alertNames);
    findings.push(...out.findings);
  }
  return findings;
}
