import type { GateId } from '@shipshape/contracts';
import type { CheckContext } from '../context.js';
import { header, type Exchange } from '../http.js';
import type { Provocation } from '../stimuli/index.js';
import { defineCheck, describe, fail, pass, skip, type CheckDefinition, type Verdict } from '../registry.js';
import {
  badExtensionNames,
  isProblem,
  leakIn,
  memberTypeProblems,
  problemBody,
  reasonPhrases,
  traceOf,
} from './util.js';

const GATE: GateId = 'api.error_envelope';

/** Errors provoked during the run: the provocations, plus a 429 and a 409 when the run saw them. */
async function provokedErrors(ctx: CheckContext): Promise<Exchange[]> {
  const list = (await ctx.stimuli.provocations()).map((p) => p.exchange);
  const limited = ctx.seen.rateLimited();
  if (limited) list.push(limited);
  return list.filter((e) => !e.error && e.status >= 400);
}

/** Checks of the house contract (the rest judge RFC 9110 / RFC 9457 / the Idempotency-Key draft). */
const HOUSE = new Set(['errors.code_registered', 'errors.trace_id', 'errors.unknown_version']);
/** Hardening hints rather than broken contracts. */
const WARNINGS = new Set(['errors.title_stable', 'errors.extension_names']);

function meta(id: string) {
  return {
    gate: GATE,
    profile: HOUSE.has(id) ? ('shipshape' as const) : ('standard' as const),
    ...(WARNINGS.has(id) ? { severity: 'warning' as const } : {}),
  };
}

/**
 * A property of problem bodies, judged on the provoked errors that are problem+json. One root cause,
 * one failure: when none is, `errors.media_type` reports it and these checks skip because of it.
 */
function property(
  id: string,
  title: string,
  judge: (errors: Exchange[], ctx: CheckContext) => Verdict,
  onlyProblems = true,
): CheckDefinition {
  return defineCheck({
    id,
    title,
    ...meta(id),
    writes: false,
    async run(ctx) {
      const all = await provokedErrors(ctx);
      if (all.length === 0) return skip('no error response could be provoked');
      if (!onlyProblems) return judge(all, ctx);
      const errors = all.filter(isProblem);
      if (errors.length === 0) {
        return skip(
          `none of the ${all.length} provoked errors is application/problem+json (see errors.media_type): no problem members to judge`,
          all[0],
        );
      }
      return judge(errors, ctx);
    },
  });
}

function expectation(
  id: string,
  title: string,
  name: string,
  writes = false,
  extra?: (p: Provocation, ctx: CheckContext) => string | undefined,
): CheckDefinition {
  return defineCheck({
    id,
    title,
    ...meta(id),
    writes,
    async run(ctx) {
      const provoked = (await ctx.stimuli.provocations()).find((p) => p.name === name);
      const noSchema =
        name === 'schema violation' || name === 'idempotency key reuse with another payload'
          ? ctx.createBodyProblem()
          : undefined;
      const noSecurity =
        name === 'no credentials' ? 'no GET operation declares security: nothing owes a 401' : undefined;
      if (!provoked) return skip(noSchema ?? noSecurity ?? `the spec offers no way to provoke "${name}"`);
      const { exchange, expect } = provoked;
      if (exchange.error) return fail(`${name}: ${describe(exchange)}`, exchange);
      if (!expect.includes(exchange.status)) {
        return fail(`${name}: received ${exchange.status}, expected ${expect.join(' or ')}`, exchange);
      }
      const problem = extra?.(provoked, ctx);
      if (problem) return fail(`${name}: ${problem}`, exchange);
      return pass(`${name}: ${describe(exchange)}`, exchange);
    },
  });
}

export const errorsChecks: CheckDefinition[] = [
  expectation('errors.unknown_route', 'An unknown route answers 404', 'unknown route'),
  expectation(
    'errors.unknown_version',
    'An unknown API version (the prefix with v999) answers 404',
    'unknown version',
  ),
  expectation('errors.unauthorized', 'A request without credentials answers 401', 'no credentials'),
  expectation('errors.not_found', 'An unknown id answers 404', 'unknown id'),
  expectation(
    'errors.method_not_allowed',
    'An undocumented method answers 405 with a matching Allow',
    'undocumented method',
    true,
    (p, ctx) => {
      if (p.exchange.status !== 405) return undefined;
      const allow = header(p.exchange, 'allow');
      if (!allow) return 'no Allow header';
      const documented = (ctx.model.methodsByPath.get(p.template ?? '') ?? []).filter(
        (m) => m !== 'HEAD' && m !== 'OPTIONS',
      );
      const listed = allow
        .split(',')
        .map((m) => m.trim().toUpperCase())
        .filter((m) => m && m !== 'HEAD' && m !== 'OPTIONS');
      const missing = documented.filter((m) => !listed.includes(m));
      const extra = listed.filter((m) => !documented.includes(m));
      if (missing.length || extra.length) {
        return `Allow "${allow}" does not match the documented methods ${documented.join(', ')}`;
      }
      return undefined;
    },
  ),
  expectation(
    'errors.unsupported_media_type',
    'A body in an unsupported media type answers 415',
    'unsupported media type',
    true,
  ),
  expectation('errors.malformed_json', 'Malformed JSON answers 400, never 5xx', 'malformed JSON', true),
  expectation(
    'errors.schema_violation',
    'A body violating the schema answers 400/422',
    'schema violation',
    true,
  ),
  expectation(
    'errors.unprocessable',
    'Reusing an idempotency key with another payload answers 422',
    'idempotency key reuse with another payload',
    true,
  ),
  defineCheck({
    id: 'errors.conflict',
    title: 'A 409 (seen in the idempotency race) is problem+json',
    ...meta('errors.conflict'),
    writes: true,
    requires: ['create'],
    async run(ctx) {
      const race = await ctx.stimuli.race();
      const conflict = race.find((e) => e.status === 409);
      if (!conflict) {
        const statuses = [...new Set(race.map((e) => e.status || e.error))].join(', ');
        return skip(`no 409 was provoked: the ${race.length} racing requests answered ${statuses}`);
      }
      if (!isProblem(conflict)) return fail('409 is not application/problem+json', conflict);
      const body = problemBody(conflict)!;
      if (body.status !== 409) return fail(`409 body has status ${String(body.status)}`, conflict);
      return pass('409 carries a problem+json body', conflict);
    },
  }),
  defineCheck({
    id: 'errors.rate_limited',
    title: 'A 429 (when seen) is problem+json and carries Retry-After',
    ...meta('errors.rate_limited'),
    writes: false,
    final: true,
    async run(ctx) {
      const limited = ctx.seen.rateLimited();
      if (!limited) return skip('no 429 was seen during the run');
      if (!header(limited, 'retry-after')) return fail('429 without Retry-After', limited);
      if (!isProblem(limited)) return fail('429 is not application/problem+json', limited);
      return pass('429 carries Retry-After and a problem body', limited);
    },
  }),
  property(
    'errors.media_type',
    'Every provoked error is application/problem+json',
    (errors) => {
      const bad = errors.filter((e) => !isProblem(e));
      return bad.length
        ? fail(
            `${bad.length}/${errors.length} errors are not problem+json, e.g. ${describe(bad[0]!)}`,
            bad[0],
          )
        : pass(`${errors.length} provoked errors are application/problem+json`, errors[0]);
    },
    false,
  ),
  property('errors.status_member', 'The problem "status" member equals the HTTP status', (errors) => {
    const bad = errors.filter((e) => problemBody(e)?.status !== e.status);
    return bad.length
      ? fail(
          `${describe(bad[0]!)} has "status": ${JSON.stringify(problemBody(bad[0]!)?.status ?? null)} (${bad.length}/${errors.length})`,
          bad[0],
        )
      : pass(`status member equals the HTTP status on ${errors.length} errors`, errors[0]);
  }),
  property('errors.member_types', 'Problem members have the RFC 9457 types', (errors) => {
    for (const e of errors) {
      const body = problemBody(e);
      const issues = body ? memberTypeProblems(body) : ['the body is not a JSON object'];
      if (issues.length) return fail(`${describe(e)}: ${issues.join(', ')}`, e);
    }
    return pass(`type/title/status/detail/instance are well-typed on ${errors.length} errors`, errors[0]);
  }),
  property('errors.extension_names', 'Extension member names follow RFC 9457 §3.2', (errors) => {
    for (const e of errors) {
      const bad = badExtensionNames(problemBody(e) ?? {});
      if (bad.length)
        return fail(`${describe(e)}: extension names ${bad.map((b) => `"${b}"`).join(', ')}`, e);
    }
    return pass(
      'every extension member name is a letter followed by letters, digits or "_" (3+ chars)',
      errors[0],
    );
  }),
  property('errors.code_registered', 'Every problem carries a registered "code"', (errors, ctx) => {
    const registry = ctx.config.errorCodes;
    for (const e of errors) {
      const code = problemBody(e)?.code;
      if (typeof code !== 'string' || code.length === 0) return fail(`${describe(e)}: no "code" member`, e);
      if (registry && registry.size > 0 && ![...registry].some((r) => r === code || code.endsWith(`.${r}`))) {
        return fail(`${describe(e)}: code "${code}" is not in the error-code registry`, e);
      }
    }
    return pass(
      registry && registry.size > 0
        ? `every code is one of the ${registry.size} registered codes`
        : 'every error carries a code (no registry known: set "errorCodes" in the config to check registration)',
      errors[0],
    );
  }),
  property('errors.title_stable', 'A problem type always has the same title', (errors) => {
    const titles = new Map<string, Exchange>();
    for (const e of errors) {
      const body = problemBody(e);
      if (!body || typeof body.type !== 'string' || body.type === 'about:blank') continue;
      const seen = titles.get(body.type);
      if (seen && problemBody(seen)!.title !== body.title) {
        return fail(
          `type ${body.type} has titles "${String(problemBody(seen)!.title)}" and "${String(body.title)}"`,
          e,
        );
      }
      titles.set(body.type, e);
    }
    return pass(`${titles.size} problem types, one title each`, errors[0]);
  }),
  property('errors.about_blank', 'An about:blank problem is titled with the reason phrase', (errors) => {
    const blank = errors.filter((e) => {
      const body = problemBody(e);
      return body && (body.type === 'about:blank' || body.type === undefined);
    });
    if (blank.length === 0)
      return pass('no about:blank problems (every problem has its own type)', errors[0]);
    for (const e of blank) {
      const title = problemBody(e)!.title;
      const phrases = reasonPhrases(e.status);
      if (phrases.length && !phrases.includes(String(title)))
        return fail(`about:blank ${e.status} titled "${String(title)}", expected "${phrases[0]}"`, e);
    }
    return pass(`${blank.length} about:blank problems carry the reason phrase`, blank[0]);
  }),
  property(
    'errors.no_leaks',
    'Error bodies carry no stack trace, SQL or server path',
    (errors) => {
      for (const e of errors) {
        const leak = leakIn(e.bodyText);
        if (leak) return fail(`${describe(e)} leaks ${leak}`, e);
      }
      return pass(`no stack trace, SQL or path in ${errors.length} error bodies`, errors[0]);
    },
    false,
  ),
  property('errors.trace_id', 'Problem bodies carry the traceId of the request', (errors) => {
    for (const e of errors) {
      const body = problemBody(e);
      if (!body || typeof body.traceId !== 'string') return fail(`${describe(e)}: no "traceId" member`, e);
      const fromHeader = traceOf({ ...e, json: undefined, bodyText: '' } as Exchange);
      if (fromHeader && fromHeader.traceId !== body.traceId) {
        return fail(`traceId ${body.traceId} differs from traceresponse ${fromHeader.traceId}`, e);
      }
    }
    return pass(`${errors.length} problem bodies carry traceId`, errors[0]);
  }),
];
