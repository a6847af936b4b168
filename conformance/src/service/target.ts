/**
 * The service-folder form reads the service descriptor (`shipshape.yaml`) through @shipshape/contracts'
 * `resolveLayout`: the OpenAPI document, the conformance config, where the report goes and how the service
 * starts locally — the generated layout wherever a key is absent. Nothing here knows the runtime: the suite
 * stays black-box.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, relative, resolve } from 'node:path';
import { DescriptorError, resolveLayout, type ResolvedLayout } from '@shipshape/contracts';
import { ConformanceSetupError } from '../run/setup-error.js';

export interface ServiceTarget {
  /** Absolute path of the service folder. */
  dir: string;
  /** The folder as given (for messages). */
  label: string;
  layout: ResolvedLayout;
  /** Absolute path of the conformance config, when the file exists. */
  config?: string;
  /** Absolute path of the report folder (`reports.conformance`). */
  reportDir: string;
  /** The OpenAPI document to run against (absolute); throws when the layout names none or several. */
  openapi(): string;
}

const OPENAPI_ROOT = /^\s*["']?openapi["']?\s*:/m;

/** The files of `api.openapi` that are whole OpenAPI documents (shared fragments are not). */
export function openApiDocuments(layout: ResolvedLayout): string[] {
  return layout.openapi.files.filter((rel) => {
    const file = layout.abs(rel);
    if (!existsSync(file) || !statSync(file).isFile()) return false;
    return OPENAPI_ROOT.test(readFileSync(file, 'utf8').slice(0, 64 * 1024));
  });
}

/** Resolves `<service-dir>` (relative to `cwd`) for the service-folder form. One-line errors, exit 2. */
export function resolveServiceTarget(input: string, cwd: string): ServiceTarget {
  const dir = resolve(cwd, input);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new ConformanceSetupError(`service folder not found: ${input}`);
  const label = relative(cwd, dir) || '.';
  let layout: ResolvedLayout;
  try {
    layout = resolveLayout(dir);
  } catch (error) {
    if (error instanceof DescriptorError) throw new ConformanceSetupError(`${label}/${error.message}`);
    throw error;
  }
  const config = layout.abs(layout.local.conformanceConfig);
  return {
    dir,
    label,
    layout,
    ...(existsSync(config) ? { config } : {}),
    reportDir: layout.abs(layout.reports.conformance),
    openapi: () => pickOpenApi(layout, label),
  };
}

function pickOpenApi(layout: ResolvedLayout, label: string): string {
  const docs = openApiDocuments(layout);
  const where = `${layout.openapi.from.join(', ')} (${layout.descriptorFile ? 'shipshape.yaml api.openapi' : 'the generated layout'})`;
  if (docs.length === 0) throw new ConformanceSetupError(`${label}: no OpenAPI document at ${where}`);
  if (docs.length === 1) return layout.abs(docs[0]);
  const named = docs.filter((rel) => basename(rel, extname(rel)) === layout.name);
  if (named.length === 1) return layout.abs(named[0]);
  throw new ConformanceSetupError(
    `${label}: ${docs.length} OpenAPI documents at ${where} (${docs.join(', ')}): choose one with --openapi`,
  );
}
