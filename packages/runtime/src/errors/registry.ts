import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parseDocument } from 'yaml';
import { standardErrorCodes, type StandardErrorCodeName } from './standard-codes.js';

/** One code of a service's registry. */
export interface ErrorRegistryEntry {
  /** Fully qualified: `ACME.ORDERS.ORDER_NOT_FOUND`. */
  code: string;
  /** Without the `<ORG>.<SVC>.` prefix: `ORDER_NOT_FOUND`. */
  shortCode: string;
  status: number;
  title: string;
  description?: string;
  /** RFC 9457 `type` URI. */
  type: string;
}

export interface ErrorRegistryDocument {
  org: string;
  service: string;
  codes: Array<{ code: string; status: number; title: string; description?: string; type?: string }>;
}

export class ErrorRegistryError extends Error {
  override readonly name = 'ErrorRegistryError';
}

const CODE_PART = '[A-Z][A-Z0-9_]*';
const CODE_PATTERN = `^${CODE_PART}\\.${CODE_PART}\\.${CODE_PART}$`;

const registrySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['org', 'service', 'codes'],
  properties: {
    $schema: { type: 'string' },
    org: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
    service: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
    codes: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'status', 'title'],
        properties: {
          code: { type: 'string', pattern: CODE_PATTERN },
          status: { type: 'integer', minimum: 400, maximum: 599 },
          title: { type: 'string', minLength: 1 },
          description: { type: 'string' },
          type: { type: 'string', minLength: 1 },
        },
      },
    },
  },
} as const;

const ajv = new Ajv({ allErrors: true, strict: true });
const validateDocument = ajv.compile<ErrorRegistryDocument>(registrySchema);

/** `acme` + `order-service` → `ACME.ORDER_SERVICE`. */
export function codePrefix(org: string, service: string): string {
  const part = (s: string) => s.toUpperCase().replace(/-/g, '_');
  return `${part(org)}.${part(service)}`;
}

/** Default problem `type` of a code: a stable URN (`urn:problem-type:acme:orders:order-not-found`). */
export function defaultProblemType(org: string, service: string, shortCode: string): string {
  return `urn:problem-type:${org}:${service}:${shortCode.toLowerCase().replace(/_/g, '-')}`;
}

/** The standard codes as registry entries of one service — what the generator writes first into the file. */
export function standardRegistryEntries(org: string, service: string): ErrorRegistryEntry[] {
  const prefix = codePrefix(org, service);
  return (Object.keys(standardErrorCodes) as StandardErrorCodeName[]).map((shortCode) => {
    const std = standardErrorCodes[shortCode];
    return {
      code: `${prefix}.${shortCode}`,
      shortCode,
      status: std.status,
      title: std.title,
      description: std.description,
      type: defaultProblemType(org, service, shortCode),
    };
  });
}

export class ErrorRegistry {
  readonly prefix: string;
  private readonly byCode = new Map<string, ErrorRegistryEntry>();

  constructor(
    readonly org: string,
    readonly service: string,
    entries: ErrorRegistryEntry[],
  ) {
    this.prefix = codePrefix(org, service);
    for (const entry of entries) this.byCode.set(entry.code, entry);
  }

  /** Accepts a short (`ORDER_NOT_FOUND`) or fully qualified code. */
  resolve(code: string): ErrorRegistryEntry | undefined {
    return this.byCode.get(code.includes('.') ? code : `${this.prefix}.${code}`);
  }

  has(code: string): boolean {
    return this.resolve(code) !== undefined;
  }

  get entries(): ErrorRegistryEntry[] {
    return [...this.byCode.values()];
  }

  /** A registry holding only the standard codes (tests, tools). */
  static standard(org: string, service: string): ErrorRegistry {
    return new ErrorRegistry(org, service, standardRegistryEntries(org, service));
  }

  /**
   * Validates a parsed registry document for one service: schema, matching org/service, code prefix,
   * no duplicates, and every standard code present with its standard status.
   */
  static fromDocument(
    doc: unknown,
    expected: { org: string; service: string },
    source = 'error registry',
  ): ErrorRegistry {
    if (!validateDocument(doc)) {
      const first = validateDocument.errors?.[0];
      const where = first?.instancePath ? ` at ${first.instancePath}` : '';
      throw new ErrorRegistryError(`${source}: invalid${where}: ${first?.message ?? 'unknown schema error'}`);
    }
    if (doc.org !== expected.org) {
      throw new ErrorRegistryError(
        `${source}: org is "${doc.org}" but the service definition says "${expected.org}"`,
      );
    }
    if (doc.service !== expected.service) {
      throw new ErrorRegistryError(
        `${source}: service is "${doc.service}" but the service definition says "${expected.service}"`,
      );
    }
    const prefix = codePrefix(doc.org, doc.service);
    const entries: ErrorRegistryEntry[] = [];
    const seen = new Set<string>();
    for (const item of doc.codes) {
      if (!item.code.startsWith(`${prefix}.`)) {
        throw new ErrorRegistryError(`${source}: code ${item.code} does not start with ${prefix}.`);
      }
      if (seen.has(item.code)) throw new ErrorRegistryError(`${source}: code ${item.code} is listed twice`);
      seen.add(item.code);
      const shortCode = item.code.slice(prefix.length + 1);
      entries.push({
        code: item.code,
        shortCode,
        status: item.status,
        title: item.title,
        description: item.description,
        type: item.type ?? defaultProblemType(doc.org, doc.service, shortCode),
      });
    }
    for (const [shortCode, std] of Object.entries(standardErrorCodes)) {
      const entry = entries.find((e) => e.shortCode === shortCode);
      if (!entry) throw new ErrorRegistryError(`${source}: standard code ${prefix}.${shortCode} is missing`);
      if (entry.status !== std.status) {
        throw new ErrorRegistryError(
          `${source}: standard code ${entry.code} must have status ${std.status}, not ${entry.status}`,
        );
      }
    }
    return new ErrorRegistry(doc.org, doc.service, entries);
  }
}

/** Reads and validates `<serviceDir>/errors/error-codes.yaml`. Throws `ErrorRegistryError` (one line). */
export async function loadErrorRegistry(
  serviceDir: string,
  expected: { org: string; service: string },
): Promise<ErrorRegistry> {
  const file = join(serviceDir, 'errors', 'error-codes.yaml');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(error);
    throw new ErrorRegistryError(`${file}: ${reason}`);
  }
  const parsed = parseDocument(text, { uniqueKeys: true });
  if (parsed.errors.length > 0) {
    throw new ErrorRegistryError(`${file}: not valid YAML: ${parsed.errors[0].message.split('\n')[0]}`);
  }
  return ErrorRegistry.fromDocument(parsed.toJS(), expected, file);
}
