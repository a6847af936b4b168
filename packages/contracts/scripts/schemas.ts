/**
 * JSON Schemas of the report documents other tools read, generated from their TypeScript types with
 * ts-json-schema-generator (the type is the one source; the schema is derived, never hand-kept).
 * `npm run generate -w @shipshape/contracts` writes them; a spec fails when a committed schema is stale.
 */
import { join } from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';

export interface ReportSchema {
  /** The exported type the schema describes. */
  type: string;
  /** The module (relative to the package root) that exports it. */
  source: string;
  /** Where the schema is written (relative to the package root). */
  file: string;
  title: string;
}

export const REPORT_SCHEMAS: readonly ReportSchema[] = [
  {
    type: 'ConformanceJson',
    source: 'src/documents/conformance.ts',
    file: 'schemas/conformance.schema.json',
    title: 'shipshape conformance: conformance.json',
  },
  {
    type: 'ReadinessJson',
    source: 'src/documents/readiness.ts',
    file: 'schemas/readiness.schema.json',
    title: 'shipshape readiness --format json',
  },
  {
    type: 'LintReport',
    source: 'src/documents/lint.ts',
    file: 'schemas/lint.schema.json',
    title: 'shipshape lint --format json',
  },
  {
    type: 'Provenance',
    source: 'src/documents/provenance.ts',
    file: 'schemas/provenance.schema.json',
    title: 'Provenance of a Shipshape report',
  },
  {
    type: 'ServiceDescriptor',
    source: 'src/descriptor/types.ts',
    file: 'schemas/service-descriptor.schema.json',
    title: 'shipshape.yaml: the service descriptor',
  },
];

const root = join(import.meta.dirname, '..');

/** The schema text for one report type (stable key order, trailing newline). */
export function renderReportSchema(schema: ReportSchema): string {
  const generated = createGenerator({
    path: join(root, schema.source),
    tsconfig: join(root, 'tsconfig.json'),
    type: schema.type,
    skipTypeCheck: true,
    additionalProperties: false,
    expose: 'export',
    jsDoc: 'extended',
  }).createSchema(schema.type);
  const withId = {
    $schema: generated.$schema,
    $id: `https://shipshape.dev/schemas/${schema.file.replace('schemas/', '')}`,
    title: schema.title,
    ...generated,
  };
  return `${JSON.stringify(withId, null, 2)}\n`;
}
