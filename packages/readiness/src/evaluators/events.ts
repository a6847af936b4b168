import { join } from 'node:path';
import { parse } from 'yaml';
import { listFiles, readText, relPath } from '../artifacts/files.js';
import type { MutationRoute } from '../artifacts/source.js';
import { ownWorkflowSteps } from '../artifacts/workflows.js';
import type { EvalContext } from '../context.js';
import { asyncapiAt, migrationsAt, paths, specFiles } from '../layout.js';
import type { Evidence, Verdict } from '../types.js';
import { eventsByEntity } from './domain.js';
import { amber, few, fromLint, green, plural, red, type Evaluator } from './support.js';

async function lintOnly(ctx: EvalContext, gate: string): Promise<Verdict> {
  return (await fromLint(ctx, gate)) ?? red(`shipshape lint reported nothing for ${gate}`);
}

/** events.asyncapi_present (L1): the AsyncAPI documents (`api.asyncapi`) parse (@asyncapi/parser) and lint clean. */
export const asyncapiPresent: Evaluator = (ctx) => lintOnly(ctx, 'events.asyncapi_present');
/** events.naming (L1): channels are `<org>.<svc>.<entity>.<verb>.v<N>`. */
export const naming: Evaluator = (ctx) => lintOnly(ctx, 'events.naming');
/** events.envelope (L1): CloudEvents envelope on every message. */
export const envelope: Evaluator = (ctx) => lintOnly(ctx, 'events.envelope');

const where = (r: MutationRoute) => `${r.method} ${r.path} (${r.file}:${r.line})`;

/** Mutation routes of the service's own code, with what their handlers do inside a tenant transaction. */
export async function mutationRoutes(ctx: EvalContext): Promise<MutationRoute[]> {
  return (await ctx.sources()).flatMap((s) => s.routes);
}

/** events.outbox (L2): the outbox table exists and every mutation route adds its event inside the transaction. */
export const outbox: Evaluator = async (ctx) => {
  const schema = await ctx.schema();
  const table = [...schema.tables.values()].find((t) => /outbox/.test(t.name));
  const events = await eventsByEntity(ctx);
  if (!table) {
    return events.size > 0
      ? red(`no outbox table in ${migrationsAt(ctx.layout)} or @shipshape/runtime's migrations`)
      : amber(`no outbox table and no events declared in ${asyncapiAt(ctx.layout)}`);
  }
  const evidence: Evidence[] = [
    { kind: 'file', ref: tableRef(ctx, table.file, table.line), detail: `table ${table.name}` },
  ];
  const routes = await mutationRoutes(ctx);
  if (routes.length === 0) return amber('no mutation route (post/put/patch/delete) found in src/', evidence);
  const outside = routes.filter((r) => r.outboxOutsideTx > 0);
  const none = routes.filter((r) => r.outboxInTx === 0 && r.outboxOutsideTx === 0);
  for (const r of routes) {
    evidence.push({
      kind: 'file',
      ref: `${r.file}:${r.line}`,
      detail: `${r.method} ${r.path}: ${r.outboxInTx} outbox.add in the transaction`,
    });
  }
  if (outside.length > 0) {
    return red(`outbox.add outside the tenant transaction in ${few(outside.map(where))}`, evidence);
  }
  if (none.length > 0) {
    return amber(
      `no outbox.add found in ${few(none.map(where))} (the handler may delegate to another file)`,
      evidence,
    );
  }
  return green(
    `${plural(routes.length, 'mutation route')} add their event in the same transaction (${table.name})`,
    evidence,
  );
};

export function tableRef(ctx: EvalContext, file: string, line: number): string {
  const relative = relPath(ctx.dir, file);
  return `${relative.startsWith('..') ? `@shipshape/runtime/migrations/${file.split(/[\\/]/).pop()}` : relative}:${line}`;
}

/** events.idempotent_consumers (L2): an inbox table keyed by event id; consumers of events use it. */
export const idempotentConsumers: Evaluator = async (ctx) => {
  const schema = await ctx.schema();
  const inbox = [...schema.tables.values()].find(
    (t) => /inbox/.test(t.name) && t.keys.some((k) => k.some((c) => /^event_?id$/.test(c))),
  );
  if (!inbox)
    return red(
      `no inbox table with a unique event id in ${migrationsAt(ctx.layout)} or @shipshape/runtime's migrations`,
    );
  const key = inbox.keys.find((k) => k.some((c) => /^event_?id$/.test(c)))!;
  const evidence: Evidence[] = [
    {
      kind: 'file',
      ref: tableRef(ctx, inbox.file, inbox.line),
      detail: `${inbox.name} unique (${key.join(', ')})`,
    },
  ];
  const receives = await receiveOperations(ctx);
  if (receives === 0) {
    return green(
      `${inbox.name} dedupes by (${key.join(', ')}); the service consumes no events yet`,
      evidence,
    );
  }
  const text = (await Promise.all((await listFiles(join(ctx.dir, 'src'))).map((f) => readText(f)))).join(
    '\n',
  );
  if (!/\binbox\b/i.test(text)) {
    return amber(
      `${paths(ctx.layout.asyncapi.from)} declares ${plural(receives, 'receive operation')} but src/ never uses the inbox`,
      evidence,
    );
  }
  return green(`${plural(receives, 'consumer')}; ${inbox.name} dedupes by (${key.join(', ')})`, evidence);
};

async function receiveOperations(ctx: EvalContext): Promise<number> {
  let count = 0;
  for (const file of specFiles(ctx.layout, 'asyncapi')) {
    try {
      const doc = parse((await readText(file)) ?? '') as { operations?: Record<string, { action?: string }> };
      count += Object.values(doc?.operations ?? {}).filter((o) => o?.action === 'receive').length;
    } catch {
      // an unparsable document is events.asyncapi_present's finding
    }
  }
  return count;
}

/** events.schema_registry (L3): a CI workflow checks event schema compatibility (`shipshape diff` on the AsyncAPI documents). */
export const schemaRegistry: Evaluator = async (ctx) => {
  const { files, steps } = await ownWorkflowSteps(ctx);
  const targets = ctx.layout.asyncapi.from.map((p) => p.replace(/\/+$/, '')).filter(Boolean);
  // `shipshape diff --base <ref> <service-dir>` compares every document the service's descriptor names.
  const folder = new RegExp(`(^|[\\s/"'])${escapeRegExp(ctx.service)}/?(["']|\\s|$)`, 'm');
  const step = steps.find(
    (st) =>
      /\bshipshape\s+diff\b/.test(st.run) &&
      (/asyncapi/.test(st.run) ||
        targets.some((t) => st.run.includes(t)) ||
        (/\bshipshape\s+diff\s[^\n]*--base\b/.test(st.run) && folder.test(st.run))),
  );
  if (step) {
    return green(
      `the service's CI checks event schema compatibility (${step.file}, step "${step.name ?? 'run'}")`,
      [{ kind: 'file', ref: step.file, detail: step.name ?? step.run.split('\n')[0] }],
    );
  }
  return amber(
    files.length
      ? `no step of the service's workflow (${few(files)}) runs \`shipshape diff\` over ${asyncapiAt(ctx.layout)}`
      : `no CI workflow of ${ctx.service} (.github/workflows/${ctx.service}.yml or one whose paths name its folder)`,
    files.map((f) => ({ kind: 'file' as const, ref: f })),
  );
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
