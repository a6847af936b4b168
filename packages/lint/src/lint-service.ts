import { readFile, stat } from 'node:fs/promises';
import { basename, relative, resolve, sep } from 'node:path';
import { Parser as AsyncApiParser } from '@asyncapi/parser';
import type { ISpectralDiagnostic } from '@stoplight/spectral-core';
import {
  houseRules,
  lintDocument,
  owaspRuleIds,
  owaspRules,
  serviceRules,
  gateOf,
} from '@shipshape/spectral-ruleset';
import { computeProvenance, DescriptorError, resolveLayout, type ResolvedLayout } from '@shipshape/contracts';
import { checkOpsFiles, checkRegistryFile, missing } from './layout-files.js';
import type { Finding, GateEvidence, LintReport, Severity } from './types.js';
import { jsonPointer, YamlSource } from './yaml-source.js';

/** The service folder cannot be linted at all (missing, not a folder): exit 2, not a finding. */
export class ServiceDirError extends Error {
  override readonly name = 'ServiceDirError';
}

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

/**
 * Lints one service folder (DESIGN.md "A generated service"), reading where each artifact lives from the
 * service's `shipshape.yaml` (`resolveLayout`; the generated layout where a key is absent): the Shipshape
 * Spectral ruleset over the OpenAPI and AsyncAPI documents, the AsyncAPI parser, the error registry against
 * the OpenAPI code enums, the alert rules and their runbooks, and the SLOs. Never throws for what it finds —
 * findings go in the report — only when the folder or its descriptor cannot be read ({@link ServiceDirError}).
 */
export async function lintService(serviceDir: string): Promise<LintReport> {
  const started = Date.now();
  const dir = resolve(serviceDir);
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new ServiceDirError(`service directory ${serviceDir} does not exist`);
  if (!info.isDirectory()) throw new ServiceDirError(`${serviceDir} is not a directory`);
  let layout: ResolvedLayout;
  try {
    layout = resolveLayout(dir);
  } catch (error) {
    if (error instanceof DescriptorError) throw new ServiceDirError(`${serviceDir}/${error.message}`);
    throw error;
  }
  const rel = (file: string) => relative(dir, file).split(sep).join('/');
  const findings: Finding[] = [];
  const files: string[] = [];

  const [openapiFiles, asyncapiFiles] = await Promise.all([
    specFiles(layout, 'openapi', 'shipshape-openapi-present', findings),
    specFiles(layout, 'asyncapi', 'shipshape-asyncapi-present', findings),
  ]);

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

  const openapi =
    openapiSource && openapiValue !== undefined
      ? { file: rel(openapiFiles[0]), source: openapiSource, value: openapiValue }
      : undefined;
  findings.push(...(await checkRegistryFile(layout, openapi, files)));
  findings.push(...(await checkOpsFiles(layout, files)));

  findings.sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule),
  );
  const toolVersion = await version();
  return {
    tool: 'shipshape-lint',
    version: toolVersion,
    // The folder name, as readiness and provenance name the service (the descriptor's name may differ).
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
      // The descriptor decides what is linted: a change to it makes a saved report stale too.
      inputs: layout.descriptorFile ? [...files, 'shipshape.yaml'] : files,
    }),
  };
}

/**
 * The spec documents the layout names that exist (absolute); a finding when there is none, or when the
 * descriptor names a file that is not there.
 */
async function specFiles(
  layout: ResolvedLayout,
  kind: 'openapi' | 'asyncapi',
  rule: string,
  findings: Finding[],
): Promise<string[]> {
  const label = kind === 'openapi' ? 'OpenAPI' : 'AsyncAPI';
  const present: string[] = [];
  for (const path of layout[kind].files) {
    if (await exists(layout.abs(path))) present.push(layout.abs(path));
    else
      findings.push(
        missing(path, rule, `${label} document ${path} (named in shipshape.yaml) does not exist`),
      );
  }
  if (present.length === 0 && layout[kind].files.length === 0) {
    const from = layout[kind].from;
    // `api.asyncapi: []` in shipshape.yaml: a service that publishes and consumes no events (readiness scopes
    // the events gates out only on a person's attestation). An HTTP service always has an OpenAPI document.
    if (kind === 'asyncapi' && from.length === 0) return present;
    const where = from.length > 0 ? from.join(', ') : `shipshape.yaml api.${kind} (it names none)`;
    const file = from[0] ?? 'shipshape.yaml';
    findings.push(missing(file, rule, `no ${label} document in ${where}`));
  }
  return present;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
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
  for (const id of owaspRuleIds) add(owaspRules[id].gate, id);
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
