/**
 * Reads and validates `shipshape.yaml` against the JSON Schema generated from {@link ServiceDescriptor}.
 * Every error is one line naming the file and the key, e.g.
 * `shipshape.yaml: data.tenancy must be one of row-level, none (got "rls")`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { parseDocument } from 'yaml';
import type { ServiceDescriptor } from './types.js';

export const DESCRIPTOR_FILE = 'shipshape.yaml';
export const DESCRIPTOR_SCHEMA_FILE = 'schemas/service-descriptor.schema.json';

/** The descriptor is unreadable or invalid: a user error, one line, naming the key. */
export class DescriptorError extends Error {
  override readonly name = 'DescriptorError';
}

let validator: ValidateFunction | undefined;

/** The descriptor's JSON Schema (generated; `npm run generate -w @shipshape/contracts`). */
export function descriptorSchema(): Record<string, unknown> {
  const url = new URL(`../../${DESCRIPTOR_SCHEMA_FILE}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
}

function validate(): ValidateFunction {
  return (validator ??= new Ajv({ allErrors: true, strict: false }).compile(descriptorSchema()));
}

const keyOf = (pointer: string): string =>
  pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');

function valueAt(value: unknown, pointer: string): unknown {
  let current = value;
  for (const segment of pointer.split('/').slice(1)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return current;
}

/** One line for the most telling schema error (unknown and missing keys first, then wrong values). */
export function describeError(errors: ErrorObject[], value: unknown): string {
  const rank = (e: ErrorObject) =>
    e.keyword === 'additionalProperties' ? 0 : e.keyword === 'required' ? 1 : e.keyword === 'type' ? 3 : 2;
  const e = [...errors].sort((a, b) => rank(a) - rank(b))[0];
  const at = keyOf(e.instancePath);
  const join2 = (k: string) => (at ? `${at}.${k}` : k);
  const got = JSON.stringify(valueAt(value, e.instancePath));
  switch (e.keyword) {
    case 'additionalProperties':
      return `unknown key ${join2(String(e.params.additionalProperty))}`;
    case 'required':
      return `missing key ${join2(String(e.params.missingProperty))}`;
    case 'enum':
      return `${at} must be one of ${(e.params.allowedValues as unknown[]).join(', ')} (got ${got})`;
    case 'const':
      return `${at} must be ${JSON.stringify(e.params.allowedValue)} (got ${got})`;
    case 'pattern':
      return at.endsWith('urlPattern')
        ? `${at} must contain {alert} or {slug} (got ${got})`
        : `${at} must match ${String(e.params.pattern)} (got ${got})`;
    case 'type':
      return `${at || 'the document'} must be ${String(e.params.type)} (got ${got})`;
    default:
      return `${at || 'the document'} ${e.message ?? 'is invalid'}`;
  }
}

/** Validates a parsed descriptor; `file` names it in the error. */
export function parseDescriptor(text: string, file = DESCRIPTOR_FILE): ServiceDescriptor {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const line = first.linePos?.[0].line;
    throw new DescriptorError(
      `${file}${line ? `:${line}` : ''}: not valid YAML: ${first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
    );
  }
  const value: unknown = doc.toJS();
  const check = validate();
  if (!check(value)) throw new DescriptorError(`${file}: ${describeError(check.errors ?? [], value)}`);
  return value as ServiceDescriptor;
}

/** The descriptor of a service folder, or undefined when it has no `shipshape.yaml`. */
export function loadDescriptor(serviceDir: string): ServiceDescriptor | undefined {
  const file = join(serviceDir, DESCRIPTOR_FILE);
  if (!existsSync(file)) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DescriptorError(`${DESCRIPTOR_FILE}: cannot read: ${(error as Error).message}`);
  }
  return parseDescriptor(text);
}
