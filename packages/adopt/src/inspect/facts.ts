/** What the artifacts at a resolved layout say: operations, problem codes, tables, alerts. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { ResolvedLayout } from '@shipshape/contracts';
import { problemCodeEnums } from '@shipshape/lint';
import { alertsOf, parseDocs, type AlertFact } from './classify.js';
import { readTables, type TableFact } from './migrations.js';

export interface OperationFact {
  method: string;
  path: string;
  operationId?: string;
  summary?: string;
}

export interface Facts {
  title?: string;
  description?: string;
  operations: OperationFact[];
  problemCodes: string[];
  tables: TableFact[];
  migrationFiles: string[];
  alerts: AlertFact[];
  channels: string[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function firstDoc(layout: ResolvedLayout, path: string | undefined): Record<string, unknown> | undefined {
  if (!path || !existsSync(layout.abs(path))) return undefined;
  const doc = parseDocs(readFileSync(layout.abs(path), 'utf8'))?.[0];
  return isRecord(doc) ? doc : undefined;
}

export function readFacts(layout: ResolvedLayout): Facts {
  const openapi = firstDoc(layout, layout.openapi.files[0]);
  const info = isRecord(openapi?.info) ? openapi.info : {};
  const operations: OperationFact[] = [];
  for (const [path, item] of Object.entries(isRecord(openapi?.paths) ? openapi.paths : {})) {
    if (!isRecord(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isRecord(op)) continue;
      operations.push({
        method: method.toUpperCase(),
        path,
        ...(typeof op.operationId === 'string' ? { operationId: op.operationId } : {}),
        ...(typeof op.summary === 'string' ? { summary: op.summary } : {}),
      });
    }
  }
  const migrationsDir = layout.abs(layout.migrations.dir);
  const migrationFiles = existsSync(migrationsDir)
    ? readdirSync(migrationsDir)
        .filter((f) => f.endsWith('.sql'))
        .sort()
    : [];
  const tables = readTables(
    migrationFiles.map((f) => ({
      path: `${layout.migrations.dir}/${f}`,
      text: readFileSync(`${migrationsDir}/${f}`, 'utf8'),
    })),
  );
  const alerts = layout.alerts.flatMap((file) => {
    const doc = firstDoc(layout, file);
    return doc ? alertsOf(file, doc) : [];
  });
  const asyncapi = firstDoc(layout, layout.asyncapi.files[0]);
  return {
    ...(typeof info.title === 'string' ? { title: info.title } : {}),
    ...(typeof info.description === 'string' ? { description: info.description } : {}),
    operations,
    problemCodes: openapi ? [...problemCodeEnums(openapi).keys()] : [],
    tables,
    migrationFiles,
    alerts,
    channels: Object.keys(isRecord(asyncapi?.channels) ? asyncapi.channels : {}),
  };
}
