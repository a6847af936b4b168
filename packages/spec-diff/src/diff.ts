import { parse } from 'yaml';
import { diffAsyncApi } from './asyncapi-diff.js';
import { dereference, isObject } from './deref.js';
import { diffOpenApi } from './openapi-diff.js';
import type { DiffReport, SpecKind } from './types.js';

/** The two documents cannot be compared (unparsable, not OpenAPI/AsyncAPI, different kinds). */
export class DiffInputError extends Error {
  override readonly name = 'DiffInputError';
}

export function kindOf(doc: unknown, label = 'document'): SpecKind {
  if (isObject(doc) && typeof doc.openapi === 'string' && doc.openapi.startsWith('3.')) return 'openapi';
  if (isObject(doc) && typeof doc.asyncapi === 'string' && doc.asyncapi.startsWith('3.')) return 'asyncapi';
  throw new DiffInputError(`${label} is neither OpenAPI 3.x nor AsyncAPI 3.x`);
}

/** Parses YAML or JSON text; a syntax error becomes a DiffInputError naming `label`. */
export function parseSpec(text: string, label: string): unknown {
  try {
    return parse(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new DiffInputError(`${label} does not parse: ${(error as Error).message.split('\n')[0]}`);
  }
}

function major(version: unknown): number | undefined {
  const m = typeof version === 'string' ? /^v?(\d+)\./.exec(version) : null;
  return m ? Number(m[1]) : undefined;
}

/**
 * Compares two versions of a spec (parsed documents) and classifies every change. The gate fails on
 * a breaking change unless `info.version`'s major grew.
 */
export function diffSpecs(oldDoc: unknown, newDoc: unknown): DiffReport {
  const kind = kindOf(oldDoc, 'old document');
  const newKind = kindOf(newDoc, 'new document');
  if (kind !== newKind) throw new DiffInputError(`cannot compare ${kind} with ${newKind}`);
  const [rawA, rawB] = [oldDoc as Record<string, unknown>, newDoc as Record<string, unknown>];
  const [a, b] = [dereference(rawA), dereference(rawB)];
  const changes = kind === 'openapi' ? diffOpenApi(a, b) : diffAsyncApi(a, b, rawA, rawB);
  const oldVersion =
    isObject(rawA.info) && typeof rawA.info.version === 'string' ? rawA.info.version : undefined;
  const newVersion =
    isObject(rawB.info) && typeof rawB.info.version === 'string' ? rawB.info.version : undefined;
  const [ma, mb] = [major(oldVersion), major(newVersion)];
  const majorBumped = ma !== undefined && mb !== undefined && mb > ma;
  const breaking = changes.filter((c) => c.class === 'breaking').length;
  return {
    kind,
    gate: kind === 'openapi' ? 'api.versioning' : 'events.schema_registry',
    oldVersion,
    newVersion,
    majorBumped,
    breaking,
    nonBreaking: changes.length - breaking,
    changes,
    failed: breaking > 0 && !majorBumped,
  };
}

/** Same, from YAML/JSON texts. */
export function diffTexts(
  oldText: string,
  newText: string,
  labels: [string, string] = ['old', 'new'],
): DiffReport {
  return diffSpecs(parseSpec(oldText, labels[0]), parseSpec(newText, labels[1]));
}
