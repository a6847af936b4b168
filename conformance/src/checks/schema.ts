import type { GateId } from '@shipshape/contracts';
import type { CheckContext } from '../context.js';
import { mediaType } from '../http.js';
import { defineCheck, describe, fail, pass, skip, type CheckDefinition } from '../registry.js';
import { documentedResponse, fillPath } from '../spec.js';
import { undocumentedMethod, type Observed } from '../stimuli/index.js';
import { anyVersion, is2xx, scanContains, scanList } from './util.js';

const GATE: GateId = 'api.contract_tests';

function documentedProblem(o: Observed): string | undefined {
  if (o.e.error) return undefined;
  const doc = documentedResponse(o.op, o.e.status);
  const documented = Object.keys(o.op.responses).join(', ');
  if (!doc)
    return `${o.op.method} ${o.op.path} (${o.label}) answered ${o.e.status}, documented: ${documented}`;
  // `default` stands for the errors; a success the operation does not list is undocumented.
  const explicit = o.op.responses[String(o.e.status)] ?? o.op.responses[`${String(o.e.status)[0]}XX`];
  const successes = Object.keys(o.op.responses).filter((s) => s.startsWith('2'));
  if (!explicit && o.e.status < 300 && successes.length > 0) {
    return `${o.op.method} ${o.op.path} (${o.label}) answered ${o.e.status}, documented successes: ${successes.join(', ')}`;
  }
  return undefined;
}

/**
 * Compares what was sent with what reads back, member by member and into nested objects and
 * arrays; members the server does not echo (write-only, renamed) are left out, not failed.
 */
function compareSent(sent: unknown, read: unknown, path = ''): { compared: number; mismatch?: string } {
  if (sent === null || typeof sent !== 'object') {
    return JSON.stringify(sent) === JSON.stringify(read)
      ? { compared: 1 }
      : {
          compared: 1,
          mismatch: `"${path.slice(1)}" was sent as ${JSON.stringify(sent)}, reads ${JSON.stringify(read)}`,
        };
  }
  if (read === null || typeof read !== 'object')
    return {
      compared: 1,
      mismatch: `"${path.slice(1)}" was sent as ${JSON.stringify(sent).slice(0, 60)}, reads ${JSON.stringify(read)}`,
    };
  let compared = 0;
  for (const [key, value] of Object.entries(sent as Record<string, unknown>)) {
    if (!(key in (read as Record<string, unknown>))) continue;
    const inner = compareSent(value, (read as Record<string, unknown>)[key], `${path}.${key}`);
    compared += inner.compared;
    if (inner.mismatch) return { compared, mismatch: inner.mismatch };
  }
  return { compared };
}

/** Body-driven checks need a schema to build bodies from; without one they skip with the reason. */
const needsBodySchema = (ctx: CheckContext) => ctx.createBodyProblem();

export const schemaChecks: CheckDefinition[] = [
  defineCheck({
    id: 'schema.no_5xx',
    title: 'No 5xx on valid or invalid input',
    gate: GATE,
    profile: 'standard',
    writes: false,
    async run(ctx) {
      const obs = await ctx.stimuli.observations();
      if (obs.length === 0) return skip('no operation could be exercised');
      const bad = obs.find((o) => o.e.error || o.e.status >= 500);
      if (bad) return fail(`${bad.label}: ${describe(bad.e)}`, bad.e);
      return pass(`${obs.length} requests, no 5xx`, obs[0]!.e);
    },
  }),
  defineCheck({
    id: 'schema.status_documented',
    title: 'Every status returned is documented for its operation',
    gate: GATE,
    profile: 'standard',
    writes: false,
    async run(ctx) {
      const obs = await ctx.stimuli.observations();
      for (const o of obs) {
        const problem = documentedProblem(o);
        if (problem) return fail(problem, o.e);
      }
      return obs.length
        ? pass(`${obs.length} statuses documented`, obs[0]!.e)
        : skip('no operation could be exercised');
    },
  }),
  defineCheck({
    id: 'schema.content_type_documented',
    title: 'Every response content type is documented',
    gate: GATE,
    profile: 'standard',
    writes: false,
    async run(ctx) {
      const obs = await ctx.stimuli.observations();
      for (const o of obs) {
        if (o.e.error || o.e.bodyText.length === 0) continue;
        const doc = documentedResponse(o.op, o.e.status);
        if (!doc || Object.keys(doc.content).length === 0) continue;
        const type = mediaType(o.e);
        if (
          !(type in doc.content) &&
          !Object.keys(doc.content).some((t) => t.endsWith('/*') && type.startsWith(t.slice(0, -1)))
        ) {
          return fail(
            `${o.label}: ${o.e.status} came as "${type}", documented: ${Object.keys(doc.content).join(', ')}`,
            o.e,
          );
        }
      }
      return obs.length
        ? pass('every content type is documented', obs[0]!.e)
        : skip('no operation could be exercised');
    },
  }),
  defineCheck({
    id: 'schema.response_valid',
    title: 'Response bodies and headers validate against the spec (formats on)',
    gate: GATE,
    profile: 'standard',
    writes: false,
    async run(ctx) {
      const obs = await ctx.stimuli.observations();
      let validated = 0;
      for (const o of obs) {
        if (o.e.error) continue;
        const doc = documentedResponse(o.op, o.e.status);
        if (!doc) continue;
        for (const [name, spec] of Object.entries(doc.headers)) {
          const value = o.e.headers[name];
          if (spec.required && value === undefined)
            return fail(`${o.label}: required header ${name} missing`, o.e);
          if (value !== undefined && spec.schema) {
            const typed =
              spec.schema.type === 'integer' || spec.schema.type === 'number' ? Number(value) : value;
            const errors = ctx.validator.validate(spec.schema, typed, 'response');
            if (errors?.length) return fail(`${o.label}: header ${name} ${errors[0]}`, o.e);
          }
        }
        const schema = doc.content[mediaType(o.e)];
        if (!schema || o.e.json === undefined) continue;
        const errors = ctx.validator.validate(schema, o.e.json, 'response');
        if (errors === null) continue;
        validated += 1;
        if (errors.length) return fail(`${o.label}: ${o.e.status} body ${errors.join('; ')}`, o.e);
      }
      return validated
        ? pass(`${validated} bodies valid against their schemas`, obs[0]!.e)
        : skip('no response body had a schema to validate against');
    },
  }),
  defineCheck({
    id: 'schema.invalid_rejected',
    title: 'Invalid input is rejected with 4xx',
    gate: GATE,
    profile: 'standard',
    writes: true,
    requires: ['create'],
    appliesTo: needsBodySchema,
    async run(ctx) {
      const obs = (await ctx.stimuli.observations()).filter((o) => o.kind === 'invalid');
      if (obs.length === 0) return skip('no invalid body could be derived from the create schema');
      const bad = obs.find((o) => o.e.error || o.e.status < 400 || o.e.status >= 500);
      if (bad) return fail(`${bad.label}: received ${bad.e.status || bad.e.error}, expected 4xx`, bad.e);
      return pass(`${obs.length} invalid bodies answered 4xx`, obs[0]!.e);
    },
  }),
  defineCheck({
    id: 'schema.valid_accepted',
    title: 'A valid create body (built from the schema) is accepted',
    gate: GATE,
    profile: 'standard',
    writes: true,
    requires: ['create'],
    appliesTo: needsBodySchema,
    async run(ctx) {
      const res = ctx.resource();
      const body = ctx.createBody('accept');
      const e = await ctx.send({
        method: 'POST',
        path: res.collectionPath,
        as: ctx.tenantA,
        json: body,
        headers: [[ctx.config.idempotencyHeader, ctx.idempotencyKey('accept')]],
      });
      ctx.track(ctx.tenantA, e, body, 'accept');
      if (!is2xx(e)) return fail(`a schema-valid body was refused: ${describe(e)}`, e);
      if (!ctx.idFrom(e))
        return fail(
          `created, but neither a "${ctx.config.idField}" member nor a Location header names it`,
          e,
        );
      return pass(`accepted (${e.status})`, e);
    },
  }),
  defineCheck({
    id: 'schema.method_not_allowed',
    title: 'An undocumented method answers 405 on every path',
    gate: GATE,
    profile: 'standard',
    writes: true,
    async run(ctx) {
      const probes = Object.values(ctx.config.health);
      const paths = [...ctx.model.methodsByPath.keys()].filter((p) => !probes.includes(p));
      const results = await Promise.all(
        paths.map(async (path) => {
          const method = undocumentedMethod(ctx, path);
          if (!method) return undefined;
          const e = await ctx.send({
            method,
            path: fillPath(path, {}, ctx.randomId()),
            as: ctx.tenantA,
            json: method === 'DELETE' ? undefined : {},
          });
          return { path, method, e };
        }),
      );
      const tried = results.filter((r): r is NonNullable<typeof r> => r !== undefined);
      if (tried.length === 0) return skip('every path documents every method the suite would try');
      const bad = tried.find((r) => r.e.status !== ctx.config.methodNotAllowedStatus);
      if (bad)
        return fail(
          `${bad.method} ${bad.path}: received ${bad.e.status}, expected ${ctx.config.methodNotAllowedStatus}`,
          bad.e,
        );
      return pass(
        `${tried.length} paths answer ${ctx.config.methodNotAllowedStatus} to an undocumented method`,
        tried[0]!.e,
      );
    },
  }),
  defineCheck({
    id: 'schema.created_readable',
    title: 'A created resource reads back with what was sent',
    gate: GATE,
    profile: 'standard',
    writes: true,
    requires: ['create', 'read'],
    async run(ctx) {
      const own = await ctx.create(ctx.tenantA, 'readback');
      const e = await ctx.send({ method: 'GET', path: ctx.itemPath(own.id), as: ctx.tenantA });
      if (!is2xx(e)) return fail(`reading the created resource: ${describe(e)}`, e);
      // The resource itself: unwrapped from an envelope such as { data: … } (the id's parent).
      const read = ctx.resourceBody(e);
      const sent = own.body;
      if (!sent || typeof sent !== 'object' || Object.keys(sent).length === 0)
        return pass('the created resource reads back (no members were sent to compare)', e);
      if (!read || typeof read !== 'object')
        return fail(`the read answer is not a JSON object: ${describe(e)}`, e);
      const { compared, mismatch } = compareSent(sent, read);
      if (mismatch) return fail(mismatch, e);
      if (compared === 0)
        return fail(`none of the ${Object.keys(sent).length} members sent shows up in the read answer`, e);
      return pass(`the created resource reads back (${compared} members compared, nested included)`, e);
    },
  }),
  defineCheck({
    id: 'schema.deleted_gone',
    title: 'A deleted resource answers 404 afterwards',
    gate: GATE,
    profile: 'standard',
    writes: true,
    requires: ['create', 'read', 'remove'],
    async run(ctx) {
      const own = await ctx.create(ctx.tenantA, 'gone');
      const del = await ctx.send({
        method: 'DELETE',
        path: ctx.itemPath(own.id),
        as: ctx.tenantA,
        headers: anyVersion(ctx.model.resource?.remove),
      });
      if (!is2xx(del)) return fail(`deleting its own resource: ${describe(del)}`, del);
      own.deleted = true;
      const e = await ctx.send({ method: 'GET', path: ctx.itemPath(own.id), as: ctx.tenantA });
      if (e.status !== 404 && e.status !== 410 && e.status !== ctx.config.notFoundStatus)
        return fail(`after DELETE, GET answered ${e.status}`, e);
      if (ctx.model.resource?.list) {
        const listed = scanContains(await scanList(ctx, ctx.tenantA), own.id, own.marker);
        if (listed) return fail('the deleted resource is still listed', listed);
      }
      return pass(`deleted, then ${e.status}`, e);
    },
  }),
];
