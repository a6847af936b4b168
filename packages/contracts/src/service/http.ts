/** Every business route of a Shipshape service is served under this prefix (DESIGN.md: versioning). */
export const API_PREFIX = '/api/v1';

/** The probe and metrics paths every Shipshape service serves (DESIGN.md: health). */
export const HEALTH_PATHS = {
  live: '/health/live',
  ready: '/health/ready',
  health: '/health',
  metrics: '/metrics',
} as const;

/** Headers of the runtime contract that several packages name. */
export const CONTRACT_HEADERS = {
  idempotencyKey: 'Idempotency-Key',
  idempotentReplayed: 'Idempotent-Replayed',
  traceparent: 'traceparent',
  traceresponse: 'traceresponse',
} as const;
