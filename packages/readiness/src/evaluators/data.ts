import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { judgeAttestation } from '../attested.js';
import { implicitIndexes, TENANT_COLUMN, type TableInfo } from '../artifacts/migrations.js';
import type { Evidence } from '../types.js';
import { tableRef } from './events.js';
import { amber, combine, few, fromConformance, green, plural, red, type Evaluator } from './support.js';

const MIGRATION_NAME = /^(\d{4})_([a-z0-9][a-z0-9_]*)\.sql$/;
const DOWN = /(^|_)(down|rollback|revert|undo)(_|\.|$)/;

/** data.migrations_forward_only (L2): NNNN_name.sql in sequence, no down scripts, generated ones unedited. */
export const migrationsForwardOnly: Evaluator = async (ctx) => {
  const schema = await ctx.schema();
  const files = schema.files.filter((f) => f.owner === 'service');
  if (files.length === 0) return amber('no migrations in migrations/');
  const problems: string[] = [];
  const warnings: string[] = [];
  const numbers = new Map<string, string>();
  for (const f of files) {
    const m = MIGRATION_NAME.exec(f.name);
    if (!m) problems.push(`migrations/${f.name} is not named NNNN_name.sql`);
    else if (numbers.has(m[1]))
      problems.push(`migrations/${f.name} reuses number ${m[1]} (${numbers.get(m[1])})`);
    else numbers.set(m[1], f.name);
    if (DOWN.test(f.name))
      problems.push(`migrations/${f.name} is a down migration (migrations are forward-only)`);
  }
  const manifest = await ctx.manifest();
  for (const f of files) {
    const generated = manifest?.files?.[`migrations/${f.name}`];
    if (!generated) continue;
    const actual = createHash('sha256')
      .update(await readFile(f.path))
      .digest('hex');
    if (actual !== generated) {
      warnings.push(
        `migrations/${f.name} differs from what the generator wrote (if it was applied anywhere, revert it and add a new migration)`,
      );
    }
  }
  const evidence: Evidence[] = files.map((f) => ({ kind: 'file', ref: `migrations/${f.name}` }));
  const destructive = schema.destructive.filter((s) => s.file.includes(join(ctx.dir, 'migrations')));
  for (const st of destructive) {
    evidence.push({
      kind: 'file',
      ref: `${ctx.rel(st.file)}:${st.line}`,
      detail: `destructive: ${st.sql.slice(0, 60)}`,
    });
  }
  if (problems.length > 0) return red(few(problems, 2), evidence);
  if (warnings.length > 0) return amber(few(warnings, 2), evidence);
  return green(
    `${plural(files.length, 'migration')} in sequence, none edited since generated${destructive.length ? `; ${plural(destructive.length, 'destructive statement')} (expand/contract per MIGRATION_PLAN)` : ''}`,
    evidence,
  );
};

function rlsProblems(t: TableInfo): string[] {
  return [
    ...(t.rlsEnabled ? [] : ['RLS not enabled']),
    ...(t.rlsForced ? [] : ['RLS not forced']),
    ...(t.policies.length ? [] : ['no policy']),
  ];
}

/** data.rls_enabled (L2): every table with a tenant_id column has RLS enabled, forced and a policy. */
export const rlsEnabled: Evaluator = async (ctx) => {
  const schema = await ctx.schema();
  const tenantTables = [...schema.tables.values()].filter((t) => t.columns.includes(TENANT_COLUMN));
  if (tenantTables.length === 0) return amber(`no table with a ${TENANT_COLUMN} column in the migrations`);
  const failing = tenantTables
    .map((t) => ({ t, problems: rlsProblems(t) }))
    .filter((x) => x.problems.length > 0);
  const evidence: Evidence[] = tenantTables.map((t) => ({
    kind: 'file',
    ref: tableRef(ctx, t.file, t.line),
    detail: `${t.name}: ${rlsProblems(t).join(', ') || `enabled, forced, ${plural(t.policies.length, 'policy', 'policies')}`}`,
  }));
  const statics = failing.length
    ? red(
        `${few(
          failing.map(
            ({ t, problems }) => `${t.name} (${tableRef(ctx, t.file, t.line)}): ${problems.join(', ')}`,
          ),
          2,
        )}`,
        evidence,
      )
    : green(
        `${plural(tenantTables.length, 'tenant-scoped table')} with RLS enabled, forced and a policy`,
        evidence,
      );
  // The tenancy checks of the conformance suite support the static proof: a failure counts, missing evidence does not.
  const conformance = await fromConformance(ctx, 'data.rls_enabled');
  return conformance.status === 'AMBER' ? statics : combine([statics, conformance]);
};

/** Index names listed in DATA_MODEL's `| index | ... |` tables. */
function documentedIndexes(body: string): Set<string> {
  const names = new Set<string>();
  let inIndexTable = false;
  for (const line of body.split('\n')) {
    const cells = line.trim().startsWith('|')
      ? line
          .split('|')
          .slice(1, -1)
          .map((c) => c.trim())
      : undefined;
    if (!cells) {
      inIndexTable = false;
      continue;
    }
    if (/^index(es)?$/i.test(cells[0] ?? '')) {
      inIndexTable = true;
      continue;
    }
    if (!inIndexTable || /^:?-+:?$/.test(cells[0] ?? '')) continue;
    const name = /`([^`]+)`/.exec(cells[0])?.[1] ?? cells[0];
    if (name) names.add(name.toLowerCase());
  }
  return names;
}

/** data.indexes_documented (L2): DATA_MODEL's index tables and the migrations name the same indexes. */
export const indexesDocumented: Evaluator = async (ctx) => {
  const doc = await ctx.markdown('docs/DATA_MODEL.md');
  if (!doc) return red('docs/DATA_MODEL.md is missing');
  const schema = await ctx.schema();
  const documented = documentedIndexes(doc.body);
  const serviceTables = [...schema.tables.values()].filter((t) => t.owner === 'service');
  const actual = new Map<string, string>();
  for (const t of serviceTables) {
    for (const name of implicitIndexes(t)) actual.set(name, tableRef(ctx, t.file, t.line));
    for (const i of t.indexes) actual.set(i.name, tableRef(ctx, i.file, i.line));
  }
  const everywhere = new Set<string>();
  for (const t of schema.tables.values()) {
    for (const name of implicitIndexes(t)) everywhere.add(name);
    for (const i of t.indexes) everywhere.add(i.name);
  }
  const undocumented = [...actual.keys()].filter((n) => !documented.has(n));
  const missing = [...documented].filter((n) => !everywhere.has(n));
  const evidence: Evidence[] = [
    {
      kind: 'file',
      ref: 'docs/DATA_MODEL.md',
      detail: `${plural(documented.size, 'index', 'indexes')} documented`,
    },
    ...[...actual].map(([name, ref]) => ({ kind: 'file' as const, ref, detail: name })),
  ];
  const problems = [
    ...(undocumented.length ? [`not in DATA_MODEL: ${few(undocumented)}`] : []),
    ...(missing.length ? [`in DATA_MODEL but not in the migrations: ${few(missing)}`] : []),
  ];
  if (problems.length) return red(`index drift — ${problems.join('; ')}`, evidence);
  if (actual.size === 0) return amber('no index on the service tables to compare', evidence);
  return green(`${plural(actual.size, 'index', 'indexes')} of the service tables match DATA_MODEL`, evidence);
};

/** data.partitions_provisioned (L4): nothing to provision without partitioned tables; otherwise a person attests. */
export const partitionsProvisioned: Evaluator = async (ctx) => {
  const schema = await ctx.schema();
  const partitioned = [...schema.tables.values()].filter((t) => t.partitioned);
  if (partitioned.length === 0) {
    return green('no partitioned table in the migrations: no partitions to provision', [
      { kind: 'file', ref: 'migrations/', detail: 'no PARTITION BY' },
    ]);
  }
  const gate = ctx.catalog.gates.find((g) => g.id === 'data.partitions_provisioned')!;
  const verdict = await judgeAttestation(ctx, gate);
  return {
    ...verdict,
    reason: `${few(partitioned.map((t) => t.name))} partitioned — ${verdict.reason}`,
    evidence: [
      ...partitioned.map((t) => ({
        kind: 'file' as const,
        ref: tableRef(ctx, t.file, t.line),
        detail: 'PARTITION BY',
      })),
      ...verdict.evidence,
    ],
  };
};
