import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DURATION_BUCKETS, METRICS, type MetricKey } from '@shipshape/contracts';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Name, help and labels of a metric, from the contracts' catalog (alerts, SLOs and dashboards query those). */
export function catalogMetric(key: MetricKey): { name: string; help: string; labelNames: string[] } {
  const def = METRICS.find((m) => m.key === key);
  if (!def) throw new Error(`metric ${key} is not in the contracts' catalog`);
  return { name: def.name, help: def.help, labelNames: [...def.labels] };
}

/** What the idempotency plugin reports. */
export interface IdempotencyMetrics {
  /** A stored response was replayed for `route` (route template). */
  replayed(route: string): void;
  /** A key was refused: `mismatch` (422, other payload) or `in_flight` (409). */
  conflict(route: string, reason: 'mismatch' | 'in_flight'): void;
}

/** Connection-pool figures, as the database layer reports them. */
export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export interface RuntimeMetrics {
  registry: Registry;
  idempotency: IdempotencyMetrics;
  /** Makes the pool gauges read `source()` at every scrape. */
  observePool(source: () => PoolStats): void;
  /** Makes `outbox_pending_events` read `source()` at every scrape. */
  observeOutbox(source: () => Promise<number> | number): void;
  /** Makes `outbox_oldest_pending_age_seconds` and `outbox_dead_letter_events` read `source()` at every scrape. */
  observeOutboxBacklog(source: () => Promise<{ oldestPendingSeconds: number; deadLettered: number }>): void;
}

/** Route label of requests that matched no route: keeps label cardinality bounded. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Metric names (the generator's alerts, SLOs and dashboards use these):
 * - `http_requests_total{method,route,status_code}` — counter
 * - `http_request_duration_seconds{method,route,status_code}` — histogram
 * - `http_requests_in_flight` — gauge
 * - `idempotency_replays_total{route}`, `idempotency_conflicts_total{route,reason}` — counters
 * - `db_pool_connections{state="total|idle|waiting"}` — gauge
 * - `outbox_pending_events`, `outbox_oldest_pending_age_seconds`, `outbox_dead_letter_events` — gauges
 * - Node process metrics (`process_*`, `nodejs_*`).
 */
export function createMetrics(options: { serviceName: string; defaultMetrics?: boolean }): RuntimeMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: options.serviceName });
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });

  const replays = new Counter({
    ...catalogMetric('idempotencyReplays'),
    registers: [registry],
  });
  const conflicts = new Counter({
    ...catalogMetric('idempotencyConflicts'),
    registers: [registry],
  });
  let poolSource: (() => PoolStats) | undefined;
  new Gauge({
    ...catalogMetric('dbPool'),
    registers: [registry],
    collect() {
      if (!poolSource) return;
      const stats = poolSource();
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });
  let outboxSource: (() => Promise<number> | number) | undefined;
  new Gauge({
    ...catalogMetric('outboxPending'),
    registers: [registry],
    async collect() {
      if (!outboxSource) return;
      try {
        this.set(await outboxSource());
      } catch {
        // The database being down must not fail the scrape; the gauge keeps its last value.
      }
    },
  });

  let backlogSource: (() => Promise<{ oldestPendingSeconds: number; deadLettered: number }>) | undefined;
  let backlog: Promise<{ oldestPendingSeconds: number; deadLettered: number } | undefined> | undefined;
  // Both gauges come from one query per scrape.
  const readBacklog = () =>
    (backlog ??= (backlogSource?.() ?? Promise.resolve(undefined))
      .catch(() => undefined)
      .finally(() => setImmediate(() => (backlog = undefined))));
  new Gauge({
    ...catalogMetric('outboxOldestPendingAge'),
    registers: [registry],
    async collect() {
      const b = await readBacklog();
      if (b) this.set(b.oldestPendingSeconds);
    },
  });
  new Gauge({
    ...catalogMetric('outboxDeadLetter'),
    registers: [registry],
    async collect() {
      const b = await readBacklog();
      if (b) this.set(b.deadLettered);
    },
  });

  return {
    registry,
    idempotency: {
      replayed: (route) => replays.inc({ route }),
      conflict: (route, reason) => conflicts.inc({ route, reason }),
    },
    observePool(source) {
      poolSource = source;
    },
    observeOutbox(source) {
      outboxSource = source;
    },
    observeOutboxBacklog(source) {
      backlogSource = source;
    },
  };
}

export interface MetricsPluginOptions {
  metrics: RuntimeMetrics;
  /** Path of the scrape endpoint (default /metrics); `false` to not expose it. */
  path?: string | false;
}

/** RED metrics for every request, labelled by route template, and the /metrics endpoint. */
async function metricsPlugin(app: FastifyInstance, options: MetricsPluginOptions): Promise<void> {
  const { metrics } = options;
  if (!metrics || !(metrics.registry instanceof Registry)) {
    throw new TypeError('metricsPlugin: option "metrics" must come from createMetrics()');
  }
  const path = options.path ?? '/metrics';
  const requests = new Counter({
    ...catalogMetric('requests'),
    registers: [metrics.registry],
  });
  const duration = new Histogram({
    ...catalogMetric('duration'),
    buckets: [...DURATION_BUCKETS],
    registers: [metrics.registry],
  });
  const inFlight = new Gauge({
    ...catalogMetric('inFlight'),
    registers: [metrics.registry],
  });

  const finished = () => inFlight.dec();
  app.addHook('onRequest', (_request, reply, done) => {
    inFlight.inc();
    // 'close' fires for every response, also when the client hangs up first (onResponse then never runs).
    reply.raw.once('close', finished);
    done();
  });
  // One bound pair of children per method, route and status, made at its first request: an observation
  // then allocates no label object. Bounded like the label set itself (route templates, not URLs).
  const bound = new Map<string, { inc(): void; observe(value: number): void }>();
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
    const key = `${request.method} ${reply.statusCode} ${route}`;
    let series = bound.get(key);
    if (!series) {
      const labels = { method: request.method, route, status_code: String(reply.statusCode) };
      const counter = requests.labels(labels);
      const histogram = duration.labels(labels);
      series = { inc: () => counter.inc(), observe: (value) => histogram.observe(value) };
      bound.set(key, series);
    }
    series.inc();
    series.observe(reply.elapsedTime / 1000);
    done();
  });

  if (path !== false) {
    app.get(path, { config: { rateLimit: false }, logLevel: 'warn' }, async (_request, reply) => {
      reply.header('content-type', metrics.registry.contentType);
      return metrics.registry.metrics();
    });
  }
}

export default fp(metricsPlugin, { name: 'shipshape-metrics', fastify: '5.x' });
export { metricsPlugin };
