import type { CheckContext } from '../context.js';
import { header, type Exchange } from '../http.js';
import { defineCheck, describe, fail, pass, skip, type CheckDefinition } from '../registry.js';
import { fillPath, jsonMedia, type JsonSchema } from '../spec.js';
import { sampleValid } from '../sample.js';
import { is2xx, listPath } from './util.js';

const SECRET_NAME =
  /^(?:.*[_-])?(?:password|passwd|pwd|secret|client_?secret|api_?key|apikey|private_?key|access_?token|refresh_?token|token|credentials?)$/i;

/** Tokens that are pagination or sync positions, not credentials. */
const NOT_SECRET = /(?:page|next|continuation|sync|cursor)[_-]?token$/i;

function writeOnlyNames(ctx: CheckContext): Set<string> {
  const names = new Set<string>();
  const visit = (schema: unknown, depth: number) => {
    if (!schema || typeof schema !== 'object' || depth > 6) return;
    const props = (schema as { properties?: Record<string, { writeOnly?: boolean }> }).properties ?? {};
    for (const [name, prop] of Object.entries(props)) {
      if (prop?.writeOnly === true) names.add(name);
      visit(prop, depth + 1);
    }
    for (const key of ['allOf', 'oneOf', 'anyOf']) {
      for (const part of ((schema as Record<string, unknown>)[key] as unknown[] | undefined) ?? [])
        visit(part, depth + 1);
    }
  };
  for (const op of ctx.model.operations) {
    for (const schema of Object.values(op.requestBody?.content ?? {})) visit(schema, 0);
    for (const response of Object.values(op.responses))
      for (const schema of Object.values(response.content)) visit(schema, 0);
  }
  return names;
}

export function secretMembers(value: unknown, writeOnly: Set<string>, path = ''): string[] {
  if (Array.isArray(value))
    return value.slice(0, 50).flatMap((item, i) => secretMembers(item, writeOnly, `${path}/${i}`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, member]) => [
    ...((SECRET_NAME.test(key) && !NOT_SECRET.test(key)) || writeOnly.has(key) ? [`${path}/${key}`] : []),
    ...secretMembers(member, writeOnly, `${path}/${key}`),
  ]);
}

export const securityChecks: CheckDefinition[] = [
  defineCheck({
    id: 'security.no_secrets',
    title: 'Responses never carry password/secret/token/apiKey-like or writeOnly members',
    gate: 'sec.data_exposure',
    profile: 'standard',
    writes: false,
    final: true,
    async run(ctx) {
      const res = ctx.model.resource;
      const own =
        !ctx.readOnly && res?.create ? await ctx.stimuli.sharedResource().catch(() => undefined) : undefined;
      const fresh: Exchange[] = [];
      if (res?.list) fresh.push(await ctx.send({ method: 'GET', path: listPath(ctx), as: ctx.tenantA }));
      if (own && res?.read)
        fresh.push(await ctx.send({ method: 'GET', path: ctx.itemPath(own.id), as: ctx.tenantA }));
      if (own) fresh.push(own.exchange);
      const writeOnly = writeOnlyNames(ctx);
      const seen = [
        ...fresh,
        ...ctx.seen.exchanges().filter((e) => e.json !== undefined && e.principal !== null),
      ];
      for (const e of seen) {
        if (e.json === undefined) continue;
        const found = secretMembers(e.json, writeOnly);
        if (found.length) return fail(`${describe(e)} carries ${found.slice(0, 3).join(', ')}`, e);
      }
      if (seen.length === 0) return skip('no JSON response to inspect');
      return pass(`${seen.length} JSON responses carry no secret-like member`, fresh[0] ?? seen[0]);
    },
  }),
  defineCheck({
    id: 'security.headers',
    title: 'API responses send nosniff and leak no server version',
    gate: 'sec.headers',
    profile: 'standard',
    severity: 'warning',
    writes: false,
    async run(ctx) {
      const res = ctx.model.resource;
      const path = res?.list ? listPath(ctx) : `${ctx.config.apiPrefix}/__shipshape-${ctx.runId}-headers`;
      const e = await ctx.send({ method: 'GET', path, as: ctx.tenantA });
      if (e.error) return fail(describe(e), e);
      if ((header(e, 'x-content-type-options') ?? '').toLowerCase() !== 'nosniff') {
        return fail('no "X-Content-Type-Options: nosniff"', e);
      }
      const server = header(e, 'server');
      if (server && /\d/.test(server)) return fail(`Server header leaks a version: "${server}"`, e);
      const powered = header(e, 'x-powered-by');
      if (powered) return fail(`X-Powered-By leaks the stack: "${powered}"`, e);
      return pass('nosniff set; no Server version, no X-Powered-By', e);
    },
  }),
  defineCheck({
    id: 'security.auth_required',
    title: 'Every operation that declares security answers 401 without credentials',
    gate: 'sec.authentication',
    profile: 'standard',
    writes: false,
    async run(ctx) {
      const ops = ctx
        .businessOperations()
        .filter((op) => ctx.isSecured(op))
        .filter((op) => !ctx.readOnly || op.method === 'GET' || op.method === 'HEAD');
      if (ops.length === 0)
        return skip('no business operation declares security (security: [] or none): nothing owes a 401');
      const results = await Promise.all(
        ops.map(async (op) => {
          const path = fillPath(op.path, {}, ctx.randomId());
          const media = jsonMedia(op.requestBody?.content);
          const body = media
            ? sampleValid(op.requestBody!.content[media] as JsonSchema, { runId: ctx.runId, variant: 'anon' })
            : undefined;
          const e = await ctx.send({
            method: op.method,
            path,
            as: { anonymous: true },
            json: body,
            contentType: media,
            headers: op.method === 'POST' ? [[ctx.config.idempotencyHeader, ctx.idempotencyKey('anon')]] : [],
          });
          return { op, e };
        }),
      );
      const open = results.find((r) => r.e.status !== 401);
      if (open) {
        return fail(
          `${open.op.method} ${open.op.path} declares security but without credentials answered ${open.e.status}${is2xx(open.e) ? ' (served!)' : ''}, expected 401`,
          open.e,
        );
      }
      const publicOps =
        ctx.businessOperations().length - ctx.businessOperations().filter((op) => ctx.isSecured(op)).length;
      return pass(
        `${ops.length} secured operations answer 401 without credentials${publicOps ? ` (${publicOps} public by design not judged)` : ''}`,
        results[0]!.e,
      );
    },
  }),
  defineCheck({
    id: 'security.auth_declared',
    title: 'Every business operation declares security (public ones listed in config)',
    gate: 'sec.authentication',
    profile: 'shipshape',
    writes: false,
    async run(ctx) {
      const ops = ctx.businessOperations();
      if (ops.length === 0) return skip('no business operation in the spec');
      const undeclared = ops.filter(
        (op) => !op.secured && !ctx.config.publicOperations.includes(`${op.method} ${op.path}`.toUpperCase()),
      );
      if (undeclared.length) {
        return fail(
          `the spec declares no security on ${undeclared.map((op) => `${op.method} ${op.path}`).join(', ')} (list public-by-design operations in config auth.publicOperations)`,
        );
      }
      return pass(`${ops.length} business operations declare security or are listed as public`);
    },
  }),
];
