/**
 * The Prometheus metrics a service on @shipshape/runtime exposes at GET /metrics and that generated alert
 * rules, SLOs, dashboards and runbooks query. This is the one place their names, types and labels are
 * written: the runtime registers them from here and the templates query them from here.
 */
export type MetricType = 'counter' | 'gauge' | 'histogram';

export interface MetricDef {
  /** The key templates use (`metrics.<key>`). */
  key: string;
  name: string;
  type: MetricType;
  labels: readonly string[];
  help: string;
  /** Defined by prom-client's default metrics rather than by the runtime. */
  processDefault?: boolean;
}

export const METRICS = [
  {
    key: 'requests',
    name: 'http_requests_total',
    type: 'counter',
    labels: ['method', 'route', 'status_code'],
    help: 'HTTP requests answered, by method, route template (`/api/v1/orders/:orderId`) and status code.',
  },
  {
    key: 'duration',
    name: 'http_request_duration_seconds',
    type: 'histogram',
    labels: ['method', 'route', 'status_code'],
    help: 'Time to answer an HTTP request, in seconds.',
  },
  {
    key: 'inFlight',
    name: 'http_requests_in_flight',
    type: 'gauge',
    labels: [],
    help: 'HTTP requests being processed.',
  },
  {
    key: 'idempotencyReplays',
    name: 'idempotency_replays_total',
    type: 'counter',
    labels: ['route'],
    help: 'Stored first responses replayed for a repeated Idempotency-Key.',
  },
  {
    key: 'idempotencyConflicts',
    name: 'idempotency_conflicts_total',
    type: 'counter',
    labels: ['route', 'reason'],
    help: 'Idempotency-Key conflicts: reason="mismatch" (422, other payload) or "in_flight" (409).',
  },
  {
    key: 'dbPool',
    name: 'db_pool_connections',
    type: 'gauge',
    labels: ['state'],
    help: 'Database pool connections by state: total, idle, waiting (queries queued for a connection).',
  },
  {
    key: 'outboxPending',
    name: 'outbox_pending_events',
    type: 'gauge',
    labels: [],
    help: 'Outbox rows not yet published to NATS.',
  },
  {
    key: 'outboxOldestPendingAge',
    name: 'outbox_oldest_pending_age_seconds',
    type: 'gauge',
    labels: [],
    help: 'Age of the oldest outbox row waiting to be published (0 when none waits).',
  },
  {
    key: 'outboxDeadLetter',
    name: 'outbox_dead_letter_events',
    type: 'gauge',
    labels: [],
    help: 'Outbox rows given up on (size limit or max attempts); each needs an operator.',
  },
  {
    key: 'cpu',
    name: 'process_cpu_seconds_total',
    type: 'counter',
    labels: [],
    help: 'CPU time of the Node.js process (prom-client default metric).',
    processDefault: true,
  },
  {
    key: 'memory',
    name: 'process_resident_memory_bytes',
    type: 'gauge',
    labels: [],
    help: 'Resident memory of the Node.js process (prom-client default metric).',
    processDefault: true,
  },
  {
    key: 'eventLoopLag',
    name: 'nodejs_eventloop_lag_p99_seconds',
    type: 'gauge',
    labels: [],
    help: '99th percentile of the event-loop delay (prom-client default metric).',
    processDefault: true,
  },
] as const satisfies readonly MetricDef[];

export type MetricKey = (typeof METRICS)[number]['key'];

/**
 * Latency buckets of `http_request_duration_seconds`. Latency SLO thresholds must sit on a bucket boundary
 * (an `le` label value), or the SLI query matches no series.
 */
export const DURATION_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The label selector that scopes a query to one service (the runtime's default `service` label). */
export const SERVICE_SELECTOR = 'service="${service}"';
