import type { GateId } from '@shipshape/contracts';
import type { CheckContext } from '../context.js';
import type { ProbeName } from '../stimuli/index.js';
import { mediaType, type Exchange } from '../http.js';
import { parseMetrics } from '../prometheus.js';
import { defineCheck, describe, fail, pass, skip, type CheckDefinition } from '../registry.js';
import { is2xx } from './util.js';

const GATE: GateId = 'obs.health_probes';

function get(ctx: CheckContext, which: ProbeName): Promise<Exchange> {
  return ctx.stimuli.probe(which);
}

export const healthChecks: CheckDefinition[] = [
  defineCheck({
    id: 'health.live',
    title: 'Liveness answers 2xx fast without credentials',
    gate: GATE,
    profile: 'shipshape',
    writes: false,
    async run(ctx) {
      const e = await get(ctx, 'live');
      if (!is2xx(e)) return fail(`liveness: ${describe(e)}`, e);
      if (e.durationMs > 1000) return fail(`liveness took ${e.durationMs} ms (over 1000 ms)`, e);
      return pass(`liveness ${e.status} in ${e.durationMs} ms`, e);
    },
  }),
  defineCheck({
    id: 'health.ready',
    title: 'Readiness answers 2xx while serving',
    gate: GATE,
    profile: 'shipshape',
    writes: false,
    async run(ctx) {
      const e = await get(ctx, 'ready');
      if (e.status === 503) return fail(`readiness answered 503: ${e.bodyText.slice(0, 200)}`, e);
      if (!is2xx(e)) return fail(`readiness: ${describe(e)}`, e);
      return pass(`readiness ${e.status}`, e);
    },
  }),
  defineCheck({
    id: 'health.components',
    title: '/health reports status, components, version and uptime',
    gate: GATE,
    profile: 'shipshape',
    writes: false,
    async run(ctx) {
      const e = await get(ctx, 'health');
      if (e.error || (e.status !== 200 && e.status !== 503)) return fail(`/health: ${describe(e)}`, e);
      const body = e.json as Record<string, unknown> | undefined;
      if (!body || typeof body !== 'object' || Array.isArray(body))
        return fail('/health is not a JSON object', e);
      const components = body.components ?? body.checks ?? body.dependencies;
      const missing = [
        typeof body.status === 'string' ? undefined : 'status',
        components && typeof components === 'object' && Object.keys(components).length > 0
          ? undefined
          : 'components',
        body.version !== undefined ? undefined : 'version',
        Object.keys(body).some((k) => /uptime/i.test(k)) ? undefined : 'uptime',
      ].filter(Boolean);
      if (missing.length) return fail(`/health lacks ${missing.join(', ')}`, e);
      return pass(
        `/health: status ${String(body.status)}, ${Object.keys(components as object).length} components`,
        e,
      );
    },
  }),
  defineCheck({
    id: 'health.metrics',
    title: '/metrics parses as Prometheus text or OpenMetrics, with RED metrics',
    gate: 'obs.metrics',
    profile: 'shipshape',
    writes: false,
    async run(ctx) {
      const e = await get(ctx, 'metrics');
      if (!is2xx(e)) return fail(`/metrics: ${describe(e)}`, e);
      const type = mediaType(e);
      const openMetrics = type === 'application/openmetrics-text';
      if (!openMetrics && type !== 'text/plain')
        return fail(`/metrics content type "${type}" (expected text/plain or OpenMetrics)`, e);
      const { families, error } = parseMetrics(e.bodyText, openMetrics);
      if (error) return fail(`/metrics does not parse: ${error}`, e);
      if (families.size === 0) return fail('/metrics exposes no metric', e);
      const red = [...families.values()].filter(
        (f) =>
          /http|request/i.test(f.name) &&
          (f.type === 'counter' || f.type === 'histogram' || f.type === 'summary'),
      );
      if (red.length === 0)
        return fail('no HTTP request counter or duration histogram (RED) among the metrics', e);
      return pass(
        `${families.size} families parse (${openMetrics ? 'OpenMetrics' : 'Prometheus text'}); RED: ${red.map((f) => f.name).join(', ')}`,
        e,
      );
    },
  }),
  defineCheck({
    id: 'health.outside_api',
    title: 'Probes and metrics sit outside the API prefix and outside auth',
    gate: GATE,
    profile: 'shipshape',
    writes: false,
    async run(ctx) {
      const inside = ctx.config.apiPrefix
        ? Object.entries(ctx.config.health).filter(([, path]) => path.startsWith(`${ctx.config.apiPrefix}/`))
        : [];
      if (inside.length)
        return fail(
          `${inside.map(([k, p]) => `${k} at ${p}`).join(', ')} sit(s) under ${ctx.config.apiPrefix}`,
        );
      const all = await Promise.all(
        (['live', 'ready', 'health', 'metrics'] as const).map((k) => get(ctx, k)),
      );
      // No vacuous pass: a probe that is not served (404, no answer) shows nothing about auth.
      const served = all.filter((e) => !e.error && e.status !== 404);
      if (served.length === 0)
        return skip(
          'no probe is served at the configured paths (see health.live): nothing shows whether they need credentials',
        );
      const guarded = served.find((e) => e.status === 401 || e.status === 403);
      if (guarded) return fail(`${describe(guarded)}: probes must answer without credentials`, guarded);
      const secured = ctx.model.operations.filter(
        (op) => Object.values(ctx.config.health).includes(op.path) && op.secured,
      );
      if (secured.length)
        return fail(`the spec requires credentials on ${secured.map((op) => op.path).join(', ')}`);
      return pass(
        'live, ready, health and metrics answer without credentials outside the API prefix',
        all[0],
      );
    },
  }),
];
