import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { judgeAttestation } from '../attested.js';
import { contractRelease, destructiveStatements } from '../artifacts/destructive.js';
import { splitStatements } from '../artifacts/migrations.js';
import type { DbTable } from '../artifacts/pgcatalog.js';
import type { DataSettings } from '../context.js';
import type { Evidence } from '../types.js';
import { TENANT_FUNCTION, TENANT_KEY_TABLE } from '@shipshape/contracts';
import { tableRef } from './events.js';
import { amber, combine, few, fromConformance, green, plural, red, type Evaluator } from './support.js';

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
  const evidence: Evidence[] = files.map((f) => ({ kind: 'file', ref: `migrations/${f.name}` }));
  let destructiveCount = 0;
  for (const f of files) {
    const content = await readFile(f.path);
    const generated = manifest?.files?.[`migrations/${f.name}`];
    if (generated && createHash('sha256').update(content).digest('hex') !== generated) {
      warnings.push(
        `migrations/${f.name} differs from what the generator wrote (if it was applied anywhere, revert it and add a new migration)`,
      );
    }
    const sql = content.toString('utf8');
    const release = contractRelease(sql);
    for (const st of destructiveStatements(splitStatements(sql, f.path))) {
      destructiveCount++;
      const ref = `migrations/${f.name}:${st.line}`;
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
      `${db.failed.file.owner === 'service' ? `migrations/${db.failed.file.name}` : `runtime ${db.failed.file.name}`} does not apply on a fresh PostgreSQL: ${db.failed.message}`,
    );
  }
  if (problems.length > 0) return red(few(problems, 2), evidence);
  if (warnings.length > 0) return amber(few(warnings, 2), evidence);
  return green(
    `${plural(files.length, 'migration')} in sequence, applied on a fresh PostgreSQL, none edited since generated${destructiveCount ? `; ${plural(destructiveCount, 'destructive statement')}, each in a marked expand/contract step` : ''}`,
    evidence,
  );
};

const COMMANDS = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] as const;

/**
 * How an expression (as PostgreSQL prints it back) binds the tenant column: through the runtime's signed
 * binding (`shipshape_current_tenant()`, migration 0008_tenant_binding), through the raw tenant setting, or not.
 */
function binding(expr: string | null, column: string, setting: string): 'signed' | 'setting' | undefined {
  if (!expr || !new RegExp(`\\b${column}\\b`).test(expr)) return undefined;
  if (expr.includes(`${TENANT_FUNCTION}()`)) return 'signed';
  if (expr.includes(`current_setting('${setting}'`)) return 'setting';
  return undefined;
}

const scoped = (expr: string | null, column: string, setting: string): boolean =>
  binding(expr, column, setting) !== undefined;

/**
 * Policies that trust the raw tenant setting in a database that has the runtime's signed binding: SQL inside a
 * tenant transaction can rebind them with `set_config`, the signed form it cannot.
 */
export function unsignedPolicies(t: DbTable, data: DataSettings): string[] {
  return t.policies
    .filter((p) =>
      [p.using, p.withCheck].some((e) => binding(e, data.tenantColumn, data.tenantSetting) === 'setting'),
    )
    .map((p) => p.name);
}

/** What is wrong with one table's tenant isolation, as the catalog shows it. */
export function isolationProblems(t: DbTable, data: DataSettings, bypassRoles: Set<string>): string[] {
  const problems: string[] = [];
  if (!t.columns.includes(data.tenantColumn))
    problems.push(
      `no ${data.tenantColumn} column (declare it in readiness.yaml data.globalTables if it holds no tenant data)`,
    );
  if (!t.rowSecurity) problems.push('relrowsecurity off (RLS not enabled)');
  if (!t.forceRowSecurity) problems.push('relforcerowsecurity off (RLS not forced: the owner bypasses it)');
  // Policies that bind someone other than the owner (the owner's maintenance policies are its own business).
  const forOthers = t.policies.filter((p) => p.roles.some((r) => r !== t.owner));
  const granted = new Set(
    Object.entries(t.grants)
      .filter(([role]) => !bypassRoles.has(role))
      .flatMap(([, privileges]) => privileges),
  );
  const needed = COMMANDS.filter((c) => granted.has(c));
  for (const command of needed.length ? needed : COMMANDS) {
    const covering = forOthers.filter((p) => p.permissive && (p.command === command || p.command === 'ALL'));
    const ok = covering.some((p) => {
      const using = scoped(p.using, data.tenantColumn, data.tenantSetting);
      const check = scoped(p.withCheck ?? p.using, data.tenantColumn, data.tenantSetting);
      return command === 'INSERT' ? check : command === 'UPDATE' ? using && check : using;
    });
    if (!ok)
      problems.push(
        `no ${command} policy comparing ${data.tenantColumn} with current_setting('${data.tenantSetting}')`,
      );
  }
  // Permissive policies are OR-ed: one that ignores the tenant opens every tenant's rows.
  for (const p of forOthers.filter((x) => x.permissive)) {
    const exprs = [p.using, p.withCheck].filter((e): e is string => e !== null);
    if (exprs.some((e) => !scoped(e, data.tenantColumn, data.tenantSetting)))
      problems.push(
        `policy ${p.name} (${p.command}) does not compare ${data.tenantColumn} with the tenant setting`,
      );
  }
  for (const role of Object.keys(t.grants).filter((r) => bypassRoles.has(r)))
    problems.push(`granted to ${role}, which bypasses row-level security`);
  return problems;
}

/**
 * data.rls_enabled (L2): the migrations (runtime's first) applied to an embedded PostgreSQL; every table that is not
 * declared global has the tenant column, relrowsecurity and relforcerowsecurity, for each command granted a
 * policy whose expression compares the tenant column with the tenant setting, no permissive policy that ignores
 * the tenant, and no grant to a role that bypasses RLS.
 */
export const rlsEnabled: Evaluator = async (ctx) => {
  const db = await ctx.database();
  const data = ctx.settings.data;
  if (db.failed) {
    return {
      ...amber(
        `the migrations do not apply (${db.failed.file.name}: ${db.failed.message}): RLS cannot be read`,
      ),
      code: 'UNKNOWN',
    };
  }
  const global = new Set(data.globalTables);
  // The runtime's tenant key table is owner-only and holds no tenant data.
  const signedBinding = db.tables.has(TENANT_KEY_TABLE);
  const tenantTables = [...db.tables.values()].filter(
    (t) => !global.has(t.name) && t.name !== TENANT_KEY_TABLE,
  );
  if (tenantTables.length === 0) return amber('no tenant table after applying the migrations');
  const judged = tenantTables.map((t) => ({ t, problems: isolationProblems(t, data, db.bypassRoles) }));
  const evidence: Evidence[] = judged.map(({ t, problems }) => ({
    kind: 'file',
    ref: t.source === 'service' ? 'migrations/' : 'runtime migrations',
    detail: `${t.name}: ${problems.join('; ') || `RLS enabled and forced; ${plural(t.policies.length, 'policy', 'policies')}`}`,
  }));
  const failing = judged.filter((x) => x.problems.length > 0);
  const unsigned = signedBinding
    ? tenantTables.flatMap((t) => unsignedPolicies(t, data).map((p) => `${t.name}.${p}`))
    : [];
  const statics = failing.length
    ? red(
        few(
          failing.map(({ t, problems }) => `${t.name}: ${problems.join(', ')}`),
          2,
        ),
        evidence,
      )
    : unsigned.length
      ? amber(
          `${few(unsigned, 3)}: compare the tenant column with (SELECT ${TENANT_FUNCTION}()), not current_setting('${data.tenantSetting}') — SQL in a tenant transaction can rebind the raw setting with set_config, never the signed binding`,
          evidence,
        )
      : green(
          `${plural(tenantTables.length, 'tenant table')} (pg_class, pg_policies, grants after applying the migrations): RLS enabled and forced, every granted command scoped by ${signedBinding ? `the signed tenant binding (${TENANT_FUNCTION}())` : `current_setting('${data.tenantSetting}')`}${global.size ? `; global: ${[...global].join(', ')}` : ''}`,
          evidence,
        );
  // The tenancy checks of the conformance suite support the catalog proof: a failure counts, missing evidence does not.
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

/** data.indexes_documented (L2): DATA_MODEL's index tables and the catalog's pg_indexes name the same indexes. */
export const indexesDocumented: Evaluator = async (ctx) => {
  const doc = await ctx.markdown('docs/DATA_MODEL.md');
  if (!doc) return red('docs/DATA_MODEL.md is missing');
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
      ref: 'docs/DATA_MODEL.md',
      detail: `${plural(documented.size, 'index', 'indexes')} documented`,
    },
    ...[...actual].map(([name, def]) => ({
      kind: 'file' as const,
      ref: 'migrations/',
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
