import type { GateId } from '@shipshape/contracts';
import type { CheckContext } from '../context.js';
import type { Exchange } from '../http.js';
import type { TraceProbe as Probe } from '../stimuli/index.js';
import { defineCheck, describe, fail, pass, skip, type CheckDefinition, type Verdict } from '../registry.js';
import { hex, is2xx, problemBody, traceOf, validTraceId } from './util.js';

const GATE: GateId = 'api.tracing';

function traceparent(seed: string, version = '00', flags = '01') {
  const traceId = hex(32, `trace-${seed}`);
  const parentId = hex(16, `span-${seed}`);
  return { traceId, parentId, value: `${version}-${traceId}-${parentId}-${flags}` };
}

function sameClass(a: Exchange, b: Exchange): boolean {
  return !b.error && Math.floor(a.status / 100) === Math.floor(b.status / 100) && a.status === b.status;
}

function keeps(p: Probe, e: Exchange, traceId: string, parentId?: string): string | undefined {
  if (e.error || e.status >= 500) return `the request failed: ${describe(e)}`;
  if (!sameClass(p.baseline, e))
    return `answered ${e.status} where the same request without the header answered ${p.baseline.status}`;
  const trace = traceOf(e);
  if (!trace) return `the answer shows no trace (${p.mode})`;
  if (trace.traceId !== traceId) return `trace id ${trace.traceId} instead of the incoming ${traceId}`;
  if (parentId && trace.spanId === parentId)
    return `traceresponse repeats the caller's parent id ${parentId} instead of a new span id`;
  return undefined;
}

function restarts(p: Probe, e: Exchange, rejected: string | undefined): string | undefined {
  if (e.error || e.status >= 500) return `the request failed: ${describe(e)}`;
  if (!sameClass(p.baseline, e))
    return `answered ${e.status} where the same request without the header answered ${p.baseline.status}`;
  const trace = traceOf(e);
  if (!trace) return `the answer shows no trace (${p.mode})`;
  if (!validTraceId(trace.traceId)) return `trace id "${trace.traceId}" is not a valid trace id`;
  if (rejected && trace.traceId === rejected)
    return `kept the trace id ${rejected} of an invalid traceparent`;
  return undefined;
}

function check(
  id: string,
  title: string,
  body: (p: Probe, ctx: CheckContext) => Promise<Verdict>,
): CheckDefinition {
  return defineCheck({
    id,
    title,
    gate: GATE,
    profile: 'standard',
    writes: false,
    run: async (ctx) => body(await ctx.stimuli.traceProbe(), ctx),
  });
}

export const tracingChecks: CheckDefinition[] = [
  check('tracing.propagate', 'A valid traceparent keeps its trace id with a new span id', async (p) => {
    const tp = traceparent('valid');
    const e = await p.send([['traceparent', tp.value]]);
    const problem = keeps(p, e, tp.traceId, tp.parentId);
    return problem ? fail(problem, e) : pass(`trace ${tp.traceId} kept (${p.mode})`, e);
  }),
  check('tracing.fresh', 'Without traceparent a fresh, valid trace id starts', async (p) => {
    const [one, two] = await Promise.all([p.send([]), p.send([])]);
    for (const e of [one, two]) {
      const problem = restarts(p, e, undefined);
      if (problem) return fail(problem, e);
    }
    if (traceOf(one)!.traceId === traceOf(two)!.traceId)
      return fail('two requests without traceparent share one trace id', two);
    return pass(`fresh trace ids (${p.mode})`, one);
  }),
  check(
    'tracing.invalid',
    'Every invalid traceparent form starts a new trace and never errors',
    async (p) => {
      const t = (seed: string) => traceparent(seed);
      const forms: Array<[string, string, string | undefined]> = [
        ['version ff', `ff-${t('ff').traceId}-${t('ff').parentId}-01`, t('ff').traceId],
        ['all-zero trace id', `00-${'0'.repeat(32)}-${t('z').parentId}-01`, undefined],
        ['all-zero parent id', `00-${t('zp').traceId}-${'0'.repeat(16)}-01`, t('zp').traceId],
        ['upper-case hex', t('up').value.toUpperCase(), t('up').traceId],
        ['short trace id', `00-${t('st').traceId.slice(1)}-${t('st').parentId}-01`, undefined],
        ['long parent id', `00-${t('lp').traceId}-${t('lp').parentId}0-01`, t('lp').traceId],
        ['bad flags', `00-${t('bf').traceId}-${t('bf').parentId}-0g`, t('bf').traceId],
        ['version 00 with trailing data', `${t('tr').value}-extra`, t('tr').traceId],
        ['not hex version', `0x-${t('nx').traceId}-${t('nx').parentId}-01`, t('nx').traceId],
        ['garbage', 'not-a-traceparent', undefined],
      ];
      const results = await Promise.all(
        forms.map(async ([label, value, rejected]) => ({
          label,
          rejected,
          e: await p.send([['traceparent', value]]),
        })),
      );
      for (const r of results) {
        const problem = restarts(p, r.e, r.rejected);
        if (problem) return fail(`${r.label}: ${problem}`, r.e);
      }
      return pass(`${forms.length} invalid forms each started a new trace`, results[0]!.e);
    },
  ),
  check('tracing.future_version', 'A higher version keeps the first three fields', async (p) => {
    const tp = traceparent('future', 'cc');
    const e = await p.send([['traceparent', `${tp.value}-what-the-future-will-be-like`]]);
    const problem = keeps(p, e, tp.traceId);
    return problem ? fail(problem, e) : pass('version cc with extra fields kept its trace id', e);
  }),
  check('tracing.header_case', 'The header name is case-insensitive', async (p) => {
    const tp = traceparent('case');
    const e = await p.send([['TraceParent', tp.value]]);
    const problem = keeps(p, e, tp.traceId);
    return problem ? fail(problem, e) : pass('"TraceParent" was honoured', e);
  }),
  check('tracing.whitespace', 'Leading and trailing whitespace is tolerated', async (p) => {
    const tp = traceparent('ws');
    const e = await p.send([['traceparent', `  ${tp.value}\t `]]);
    const problem = keeps(p, e, tp.traceId);
    return problem ? fail(problem, e) : pass('padded traceparent kept its trace id', e);
  }),
  check('tracing.duplicate', 'Duplicate traceparent headers never error', async (p) => {
    const one = traceparent('dup1');
    const two = traceparent('dup2');
    const e = await p.send([
      ['traceparent', one.value],
      ['traceparent', two.value],
    ]);
    const problem = restarts(p, e, undefined);
    return problem
      ? fail(problem, e)
      : pass(`two traceparent lines: answered ${e.status} with trace ${traceOf(e)!.traceId}`, e);
  }),
  check('tracing.tracestate_oversize', 'An oversized tracestate never errors', async (p) => {
    const tp = traceparent('ts');
    const state = Array.from({ length: 64 }, (_, i) => `vendor${i}=${'v'.repeat(24)}`).join(',');
    const e = await p.send([
      ['traceparent', tp.value],
      ['tracestate', state],
    ]);
    const problem = keeps(p, e, tp.traceId);
    return problem ? fail(problem, e) : pass(`a ${state.length}-char tracestate was tolerated`, e);
  }),
  defineCheck({
    id: 'tracing.problem_trace_id',
    title: 'Problem bodies carry the trace id the response shows',
    gate: GATE,
    profile: 'shipshape',
    writes: false,
    requires: ['read'],
    async run(ctx) {
      const p = await ctx.stimuli.traceProbe();
      if (p.mode !== 'traceresponse')
        return skip('the service shows traces only in problem bodies; nothing to compare');
      const tp = traceparent('problem');
      const e = await ctx.send({
        method: 'GET',
        path: ctx.itemPath(ctx.randomId()),
        as: ctx.tenantA,
        headers: [['traceparent', tp.value]],
      });
      if (is2xx(e)) return skip('an unknown id did not produce an error', e);
      const body = problemBody(e);
      if (!body || typeof body.traceId !== 'string')
        return fail(`${describe(e)}: no traceId in the problem body`, e);
      if (body.traceId !== tp.traceId)
        return fail(`problem traceId ${body.traceId}, incoming trace ${tp.traceId}`, e);
      return pass('the problem body names the incoming trace', e);
    },
  }),
];
