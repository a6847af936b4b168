import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';
import { diffAsyncApi } from './asyncapi/diff.js';
import { dereference, isObject, type DerefOptions } from './deref.js';
import { DiffInputError } from './errors.js';
import { diffOpenApi } from './openapi/diff.js';
import type { Sink } from './rules/emit.js';
import { applyDowngrades, strictestPerPlace, type Downgrade } from './settle.js';
import type { DiffReport, FailOn, SpecKind } from './types.js';

export { DiffInputError };

export function kindOf(doc: unknown, label = 'document'): SpecKind {
  if (isObject(doc) && typeof doc.openapi === 'string' && doc.openapi.startsWith('3.')) return 'openapi';
  if (isObject(doc) && typeof doc.asyncapi === 'string' && doc.asyncapi.startsWith('3.')) return 'asyncapi';
  throw new DiffInputError(`${label} is neither OpenAPI 3.x nor AsyncAPI 3.x`);
}

const YAML_SCHEMA = CORE_SCHEMA.withTags(mergeTag); // YAML 1.2 core plus `<<` merge keys

/**
 * Parses YAML or JSON text; a syntax error becomes a DiffInputError naming `label`. JSON goes
 * through `JSON.parse`; YAML through js-yaml, an order of magnitude faster than `yaml` on
 * multi-megabyte specs (bench/diff), with aliases capped (no "billion laughs") and `<<` merge keys.
 */
export function parseSpec(text: string, label: string): unknown {
  if (/^\s*[{[]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      // not strict JSON (comments, trailing commas...): YAML reads the rest
    }
  }
  try {
    return load(text, { schema: YAML_SCHEMA, maxAliases: 100, maxTotalMergeKeys: 10_000 });
  } catch (error) {
    throw new DiffInputError(`${label} does not parse: ${(error as Error).message.split('\n')[0]}`);
  }
}

function major(version: unknown): number | undefined {
  const m = typeof version === 'string' ? /^v?(\d+)\./.exec(version) : null;
  return m ? Number(m[1]) : undefined;
}

export interface DiffOptions {
  /** How external `$ref`s of the old / new document resolve (their file and a loader). */
  old?: DerefOptions;
  new?: DerefOptions;
  /** Per-service downgrades (from shipshape.yaml `diff.downgrades`). */
  downgrades?: readonly Downgrade[];
  /** `warning`: warnings fail the gate too. Default `breaking`. */
  failOn?: FailOn;
  /** The clock for Sunset dates (default: now). */
  now?: Date;
}

/**
 * Compares two versions of a spec (parsed documents) and classifies every change. The gate fails on
 * a breaking change unless `info.version`'s major grew (and on a warning with `failOn: 'warning'`).
 */
export function diffSpecs(oldDoc: unknown, newDoc: unknown, options: DiffOptions = {}): DiffReport {
  const kind = kindOf(oldDoc, 'old document');
  const newKind = kindOf(newDoc, 'new document');
  if (kind !== newKind) throw new DiffInputError(`cannot compare ${kind} with ${newKind}`);
  const [rawA, rawB] = [oldDoc as Record<string, unknown>, newDoc as Record<string, unknown>];
  const [a, b] = [dereference(rawA, options.old), dereference(rawB, options.new)];
  const sink: Sink = { kind, out: [] };
  if (kind === 'openapi') diffOpenApi(a, b, sink, options.now ?? new Date());
  else diffAsyncApi(a, b, rawA, rawB, sink);
  applyDowngrades(sink.out, options.downgrades ?? []);
  const changes = strictestPerPlace(sink.out);
  const version = (doc: Record<string, unknown>) =>
    isObject(doc.info) && typeof doc.info.version === 'string' ? doc.info.version : undefined;
  const [oldVersion, newVersion] = [version(rawA), version(rawB)];
  const [ma, mb] = [major(oldVersion), major(newVersion)];
  const majorBumped = ma !== undefined && mb !== undefined && mb > ma;
  const count = (cls: string) => changes.filter((c) => c.class === cls).length;
  const [breaking, warning, info] = [count('breaking'), count('warning'), count('info')];
  const failOn = options.failOn ?? 'breaking';
  return {
    kind,
    gate: kind === 'openapi' ? 'api.versioning' : 'events.schema_registry',
    oldVersion,
    newVersion,
    majorBumped,
    failOn,
    breaking,
    warning,
    info,
    nonBreaking: warning + info,
    changes,
    failed: (breaking > 0 && !majorBumped) || (failOn === 'warning' && warning > 0),
  };
}

/** Same, from YAML/JSON texts. */
export function diffTexts(
  oldText: string,
  newText: string,
  labels: [string, string] = ['old', 'new'],
  options: DiffOptions = {},
): DiffReport {
  return diffSpecs(parseSpec(oldText, labels[0]), parseSpec(newText, labels[1]), options);
}
