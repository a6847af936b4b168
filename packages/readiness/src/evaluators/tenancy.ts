/**
 * data.rls_enabled: tenant isolation read back from PostgreSQL's catalog after applying the migrations; for a
 * service whose shipshape.yaml says `data.tenancy: none`, what in the schema contradicts it (src/scope.ts judges).
 */
import type { DbTable } from '../artifacts/pgcatalog.js';
import type { DataSettings, EvalContext } from '../context.js';
import type { Evidence, Verdict } from '../types.js';
import { TENANT_FUNCTION, TENANT_KEY_TABLE } from '@shipshape/contracts';
import { amber, combine, few, fromConformance, green, plural, red, type Evaluator } from './support.js';

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
      `no ${data.tenantColumn} column (declare it in shipshape.yaml data.globalTables if it holds no tenant data)`,
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
    ref: t.source === 'service' ? `${ctx.layout.migrations.dir}/` : 'runtime migrations',
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

/**
 * What contradicts `data.tenancy: none` in the schema: a service table that carries the tenant column after all
 * (RED — say row-level and hold it to RLS). AMBER "unknown" when the migrations do not apply; undefined when the
 * schema agrees with the descriptor.
 */
export async function tenancyContradiction(ctx: EvalContext): Promise<Verdict | undefined> {
  const db = await ctx.database();
  const column = ctx.settings.data.tenantColumn;
  if (db.failed)
    return {
      ...amber(
        `the migrations do not apply (${db.failed.file.name}: ${db.failed.message}): the tables cannot be read`,
      ),
      code: 'UNKNOWN',
    };
  const tables = [...db.tables.values()].filter((t) => t.source === 'service');
  const carrying = tables.filter((t) => t.columns.includes(column));
  if (carrying.length === 0) return undefined;
  return red(
    `shipshape.yaml says data.tenancy: none, but ${few(carrying.map((t) => t.name))} ${carrying.length === 1 ? 'carries' : 'carry'} ${column}: say data.tenancy: row-level and hold ${carrying.length === 1 ? 'it' : 'them'} to RLS`,
    [
      {
        kind: 'file',
        ref: `${ctx.layout.migrations.dir}/`,
        detail: carrying.map((t) => `${t.name}.${column}`).join(', '),
      },
    ],
  );
}
