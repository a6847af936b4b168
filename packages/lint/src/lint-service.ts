import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import { Parser as AsyncApiParser } from '@asyncapi/parser';
import type { ISpectralDiagnostic } from '@stoplight/spectral-core';
import { computeProvenance } from '@shipshape/contracts';
import { houseRules, lintDocument, serviceRules, gateOf } from '@shipshape/spectral-ruleset';
import { checkAlerts } from './alerts.js';
import { FileFindings } from './finding.js';
import { problemCodeEnums } from './problem-codes.js';
import { readRegistry } from './registry.js';
import { checkSlos, openSloList } from './slos.js';
import type { Finding, GateEvidence, LintReport, Severity } from './types.js';
import { jsonPointer, YamlSource } from './yaml-source.js';

/** The service folder cannot be linted at all (missing, not a folder): exit 2, not a finding. */
export class ServiceDirError extends Error {
  override readonly name = 'ServiceDirError';
}

const SPEC_FILE = /\.(ya?ml|json)$/i;
const SEVERITY: Severity[] = ['error', 'warning', 'info', 'hint'];
const OPENAPI_GATE = 'api.openapi_present';
const ASYNCAPI_GATE = 'events.asyncapi_present';

let asyncApiParser: AsyncApiParser | undefined;
// Only the parser's core rules (document validity): its recommended rules repeat spectral:asyncapi,
// which the Shipshape ruleset already runs, and would double the AsyncAPI time.
const parser = () => (asyncApiParser ??= new AsyncApiParser({ ruleset: { recommended: false } }));

async function version(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

async function specFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir))
      .filter((f) => SPEC_FILE.test(f))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

async function readSource(file: string): Promise<YamlSource | undefined> {
  try {
    return await YamlSource.read(file);
  } catch {
    return undefined;
  }
}

/**
 * Lints one service folder (DESIGN.md "A generated service"): the Shipshape Spectral ruleset over
 * openapi/ and asyncapi/, the AsyncAPI parser, the error registry against the OpenAPI code enums,
 * the alert rules and their runbooks, and the SLOs. Never throws for what it finds — findings go in
 * the report — only when the folder cannot be read ({@link ServiceDirError}).
 */
export async function lintService(serviceDir: string): Promise<LintReport> {
  const started = Date.now();
  const dir = resolve(serviceDir);
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new ServiceDirError(`service directory ${serviceDir} does not exist`);
  if (!info.isDirectory()) throw new ServiceDirError(`${serviceDir} is not a directory`);
  const rel = (file: string) => relative(dir, file).split(sep).join('/');
  const findings: Finding[] = [];
  const files: string[] = [];

  const openapiFiles = await specFiles(join(dir, 'openapi'));
  const asyncapiFiles = await specFiles(join(dir, 'asyncapi'));
  if (openapiFiles.length === 0) {
    findings.push(missing('openapi/', 'shipshape-openapi-present', 'no OpenAPI document in openapi/'));
  }
  if (asyncapiFiles.length === 0) {
    findings.push(missing('asyncapi/', 'shipshape-asyncapi-present', 'no AsyncAPI document in asyncapi/'));
  }

  let openapiValue: unknown;
  let openapiSource: YamlSource | undefined;
  const specRuns = [
    ...openapiFiles.map((f) => [f, OPENAPI_GATE] as const),
    ...asyncapiFiles.map((f) => [f, ASYNCAPI_GATE] as const),
  ];
  const specResults = await Promise.all(
    specRuns.map(async ([file, gate]) => {
      const source = await YamlSource.read(file);
      // @asyncapi/parser validates the AsyncAPI schema below; Spectral need not do it twice.
      const diagnostics = await lintDocument(source.text, file, {
        skipAsyncApiSchemaValidation: gate === ASYNCAPI_GATE,
      });
      const parserDiagnostics =
        gate === ASYNCAPI_GATE ? (await parser().parse(source.text, { source: file })).diagnostics : [];
      return { file, gate, source, diagnostics, parserDiagnostics };
    }),
  );
  for (const { file, gate, source, diagnostics, parserDiagnostics } of specResults) {
    files.push(rel(file));
    if (gate === OPENAPI_GATE && openapiValue === undefined) {
      openapiValue = source.value;
      openapiSource = source;
    }
    for (const d of diagnostics)
      findings.push(
        fromSpectral(
          d,
          d.code === 'parser' ? gate : (gateOf(String(d.code)) ?? gate),
          d.source ? rel(d.source) : rel(file),
        ),
      );
    for (const d of parserDiagnostics) {
      if (d.severity !== 0) continue; // "parses clean" means no error diagnostic; style is Spectral's job
      findings.push({
        ...fromSpectral(d, ASYNCAPI_GATE, d.source ? rel(d.source) : rel(file)),
        rule: 'shipshape-asyncapi-parses',
        message: `${d.code}: ${d.message}`,
      });
    }
  }

  // Error registry, cross-checked with the OpenAPI problem code enums both ways.
  const registryFile = join(dir, 'errors', 'error-codes.yaml');
  const registrySource = await readSource(registryFile);
  if (!registrySource) {
    findings.push(
      missing(
        'errors/error-codes.yaml',
        'shipshape-error-registry-valid',
        'error registry errors/error-codes.yaml is missing',
      ),
    );
  } else {
    files.push(rel(registryFile));
    const out = new FileFindings(rel(registryFile), registrySource);
    if (!out.syntaxErrors('shipshape-error-registry-valid')) {
      const entries = readRegistry(registrySource.value, out);
      if (openapiSource && openapiValue !== undefined && entries.length > 0) {
        const enums = problemCodeEnums(openapiValue);
        const registered = new Set(entries.map((e) => e.code));
        const openapiOut = new FileFindings(rel(openapiFiles[0]), openapiSource);
        for (const [code, path] of enums) {
          if (!registered.has(code)) {
            openapiOut.add(
              'shipshape-error-codes-registered',
              `error code ${code} is not registered in errors/error-codes.yaml`,
              path,
            );
          }
        }
        for (const entry of entries) {
          if (!enums.has(entry.code)) {
            out.add(
              'shipshape-error-codes-registered',
              `registered code ${entry.code} is in no problem code enum of ${rel(openapiFiles[0])}`,
              entry.path,
            );
          }
        }
        findings.push(...openapiOut.findings);
      }
    }
    findings.push(...out.findings);
  }

  // Alerts and their runbooks, then the SLOs (which name alerts).
  const alertsFile = join(dir, 'ops', 'alerts.yaml');
  const alertsSource = await readSource(alertsFile);
  let alertNames = new Set<string>();
  if (!alertsSource) {
    findings.push(
      missing('ops/alerts.yaml', 'shipshape-alerts-valid', 'alert rules ops/alerts.yaml are missing'),
    );
  } else {
    files.push(rel(alertsFile));
    const out = new FileFindings(rel(alertsFile), alertsSource);
    if (!out.syntaxErrors('shipshape-alerts-valid'))
      alertNames = await checkAlerts(alertsSource.value, out, dir);
    findings.push(...out.findings);
  }
  const slosFile = join(dir, 'ops', 'slos.yaml');
  const slosSource = await readSource(slosFile);
  if (!slosSource) {
    findings.push(missing('ops/slos.yaml', 'shipshape-slos-valid', 'SLOs ops/slos.yaml are missing'));
  } else {
    files.push(rel(slosFile));
    const openSlo = openSloList(slosSource.text);
    // OpenSLO is several YAML documents: findings point at the file (its documents have no `slos` path)
    const out = new FileFindings(rel(slosFile), openSlo ? undefined : slosSource);
    if (openSlo) checkSlos(openSlo, out, alertNames);
    else if (!out.syntaxErrors('shipshape-slos-valid')) checkSlos(slosSource.value, out, alertNames);
    findings.push(...out.findings);
  }

  findings.sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule),
  );
  const toolVersion = await version();
  return {
    tool: 'shipshape-lint',
    version: toolVersion,
    service: basename(dir),
    serviceDir: dir,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    files,
    summary: {
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      infos: findings.filter((f) => f.severity === 'info' || f.severity === 'hint').length,
    },
    gates: gateEvidence(findings),
    findings,
    // What this report judged (the readiness evaluator trusts a saved report only while these files are unchanged).
    provenance: computeProvenance({
      serviceDir: dir,
      service: basename(dir),
      tool: 'shipshape-lint',
      version: toolVersion,
      inputs: files,
    }),
  };
}

function missing(file: string, rule: string, message: string): Finding {
  return { file, line: 1, column: 1, severity: 'error', rule, message, gate: gateOf(rule) ?? OPENAPI_GATE };
}

function fromSpectral(d: ISpectralDiagnostic, gate: string, file: string): Finding {
  return {
    file,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    severity: SEVERITY[d.severity] ?? 'error',
    rule: String(d.code),
    message: d.message,
    gate,
    ...(d.path.length > 0 ? { pointer: jsonPointer(d.path) } : {}),
  };
}

/** Per gate: the rules run for it and whether any error-severity finding counts against it. */
function gateEvidence(findings: Finding[]): GateEvidence[] {
  const rules = new Map<string, Set<string>>();
  const add = (gate: string, rule: string) =>
    (rules.get(gate) ?? rules.set(gate, new Set()).get(gate)!).add(rule);
  for (const [id, r] of Object.entries(houseRules)) add(r.gate, id);
  for (const [id, r] of Object.entries(serviceRules)) add(r.gate, id);
  add(OPENAPI_GATE, 'spectral:oas');
  add(ASYNCAPI_GATE, 'spectral:asyncapi');
  return [...rules.keys()].sort().map((id) => {
    const mine = findings.filter((f) => f.gate === id);
    const errors = mine.filter((f) => f.severity === 'error').length;
    return {
      id,
      status: errors > 0 ? 'fail' : 'pass',
      errors,
      warnings: mine.filter((f) => f.severity === 'warning').length,
      rules: [...rules.get(id)!].sort(),
    };
  });
}
