import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { judgeAttestation } from '../attested.js';
import { contractRelease, destructiveStatements } from '../artifacts/destructive.js';
import { splitStatements } from '../artifacts/statements.js';
import { docOrigin, migrationsAt } from '../layout.js';
import type { Evidence } from '../types.js';
import { tableRef } from './events.js';
import { amber, few, green, plural, red, type Evaluator } from './support.js';

export { isolationProblems, rlsEnabled, unsignedPolicies } from './tenancy.js';

const MIGRATION_NAME = /^(\d{4})_([a-z0-9][a-z0-9_]*)\.sql$/;
const DOWN = /(^|_)(down|rollback|revert|undo)(_|\.|$)/;

/**
 * data.migrations_forward_only (L2): NNNN_name.sql in sequence, no down scripts, generated ones unedited, every
 * migration applies on a fresh PostgreSQL, and destructive DDL only in the contract step of an expand/contract
 * change (a marker naming the release from which readers stopped using what it removes).
 */
export const migrationsForwardOnly: Evaluator = async (ctx) => {
  const schema = await ctx.schema();
  const files = schema.files.filter((f) => f.owner === 'service');
  const dir = ctx.layout.migrations.dir;
  if (files.length === 0) return amber(`no migrations in ${migrationsAt(ctx.layout)}`);
  const problems: string[] = [];
  const warnings: string[] = [];
  const numbers = new Map<string, string>();
  for (const f of files) {
    const m = MIGRATION_NAME.exec(f.name);
    if (!m) problems.push(`${dir}/${f.name} is not named NNNN_name.sql`);
    else if (numbers.has(m[1]))
      problems.push(`${dir}/${f.name} reuses number ${m[1]} (${numbers.get(m[1])})`);
    else numbers.set(m[1], f.name);
    if (DOWN.test(f.name))
      problems.push(`${dir}/${f.name} is a down migration (migrations are forward-only)`);
  }
  const manifest = await ctx.manifest();
  const evidence: Evidence[] = files.map((f) => ({ kind: 'file', ref: `${dir}/${f.name}` }));
  let destructiveCount = 0;
  for (const f of files) {
    const content = await readFile(f.path);
    const generated = manifest?.files?.[`${dir}/${f.name}`];
    if (generated && createHash('sha256').update(content).digest('hex') !== generated) {
      warnings.push(
        `${dir}/${f.name} differs from what the generator wrote (if it was applied anywhere, revert it and add a new migration)`,
      );
    }
    const sql = content.toString('utf8');
    const release = contractRelease(sql);
    for (const st of destructiveStatements(splitStatements(sql, f.path))) {
      destructiveCount++;
      const ref = `${dir}/${f.name}:${st.line}`;
      evidence.push({ kind: 'file', ref, detail: `${st.kind}: ${st.sql.replace(/\s+/g, ' ').slice(0, 80)}` });
      if (!release)
        problems.push(
          `${ref} ${st.kind} without an expand/contract marker (-- expand/contract: <what>, unused since release <version>)`,
        );
    }
  }
  const db = await ctx.database();
  if (db.failed) {
    problems.push(
      `${db.failed.file.owner === 'service' ? `${dir}/${db.failed.file.name}` : `runtime ${db.failed.file.name}`} does not apply on a fresh PostgreSQL: ${db.failed.message}`,
    );
  }
  if (problems.length > 0) return red(few(problems, 2), evidence);
  if (warnings.length > 0) return amber(few(warnings, 2), evidence);
  return green(
    `${plural(files.length, 'migration')} in sequence, applied on a fresh PostgreSQL, none edited since generated${destructiveCount ? `; ${plural(destructiveCount, 'destructive statement')}, each in a marked expand/contract step` : ''}`,
    evidence,
  );
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

/** data.indexes_documented (L2): DATA_MODEL's index tables and the catalog's pg_indexes name the same indexes. */
export const indexesDocumented: Evaluator = async (ctx) => {
  const DATA_MODEL = ctx.layout.docs.bundle.DATA_MODEL;
  const doc = await ctx.markdown(DATA_MODEL);
  if (!doc) return red(`${DATA_MODEL} is missing (${docOrigin(ctx.layout, 'DATA_MODEL')})`);
  const db = await ctx.database();
  if (db.failed)
    return {
      ...amber(`the migrations do not apply (${db.failed.file.name}): indexes cannot be read`),
      code: 'UNKNOWN',
    };
  const documented = documentedIndexes(doc.body);
  const actual = new Map<string, string>();
  const everywhere = new Set<string>();
  for (const t of db.tables.values()) {
    for (const i of t.indexes) {
      everywhere.add(i.name);
      if (t.source === 'service') actual.set(i.name, i.definition);
    }
  }
  const undocumented = [...actual.keys()].filter((n) => !documented.has(n));
  const missing = [...documented].filter((n) => !everywhere.has(n));
  const evidence: Evidence[] = [
    {
      kind: 'file',
      ref: DATA_MODEL,
      detail: `${plural(documented.size, 'index', 'indexes')} documented`,
    },
    ...[...actual].map(([name, def]) => ({
      kind: 'file' as const,
      ref: `${ctx.layout.migrations.dir}/`,
      detail: `${name}: ${def}`,
    })),
  ];
  const problems = [
    ...(undocumented.length ? [`not in DATA_MODEL: ${few(undocumented)}`] : []),
    ...(missing.length ? [`in DATA_MODEL but not in the database: ${few(missing)}`] : []),
  ];
  if (problems.length) return red(`index drift — ${problems.join('; ')}`, evidence);
  if (actual.size === 0) return amber('no index on the service tables to compare', evidence);
  return green(
    `${plural(actual.size, 'index', 'indexes')} of the service tables (pg_indexes) match DATA_MODEL`,
    evidence,
  );
};

/** data.partitions_provisioned (L4): nothing to provision without partitioned tables; otherwise a person attests. */
export const partitionsProvisioned: Evaluator = async (ctx) => {
  const schema = await ctx.schema();
  const partitioned = [...schema.tables.values()].filter((t) => t.partitioned);
  if (partitioned.length === 0) {
    return green('no partitioned table in the migrations: no partitions to provision', [
      { kind: 'file', ref: `${ctx.layout.migrations.dir}/`, detail: 'no PARTITION BY' },
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
