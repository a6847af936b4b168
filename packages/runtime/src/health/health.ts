import type { FastifyInstance } from 'fastify';
import type { ErrorRegistry } from '../errors/registry.js';
import { sendProblem } from '../errors/handler.js';

/** A dependency check. Resolves when healthy; rejects (or times out) when not. */
export interface HealthCheck {
  name: string;
  /** Critical checks decide readiness; others only show in /health. */
  critical: boolean;
  check(signal: AbortSignal): Promise<void | { detail?: string }>;
}

export interface CheckResult {
  status: 'up' | 'down';
  latencyMs: number;
  critical: boolean;
  detail?: string;
}

export interface HealthState {
  /** False from the moment shutdown starts: /health/ready answers 503 so load balancers stop routing here. */
  ready: boolean;
  /**
   * False once the drain begins (after SHUTDOWN_DELAY_MS): new API requests get 503 with Connection: close.
   * Between the two, the service keeps serving what load balancers still send.
   */
  accepting: boolean;
}

export interface HealthPluginOptions {
  checks: HealthCheck[];
  registry: ErrorRegistry;
  serviceName: string;
  version: string;
  state: HealthState;
  /** Per-check timeout (ms). */
  timeoutMs: number;
}

async function runCheck(check: HealthCheck, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    const result = await Promise.race([check.check(controller.signal), timeout]);
    return {
      status: 'up',
      latencyMs: Math.round((performance.now() - started) * 100) / 100,
      critical: check.critical,
      ...(result && result.detail ? { detail: result.detail } : {}),
    };
  } catch (error) {
    return {
      status: 'down',
      latencyMs: Math.round((performance.now() - started) * 100) / 100,
      critical: check.critical,
      // The message of a driver error ("connect ECONNREFUSED 127.0.0.1:5432") is operational, not secret.
      detail: error instanceof Error ? error.message.split('\n')[0] : String(error),
    };
  } finally {
    clearTimeout(timer);
  }
}

export async function runChecks(
  checks: HealthCheck[],
  timeoutMs: number,
): Promise<Record<string, CheckResult>> {
  const results = await Promise.all(checks.map((c) => runCheck(c, timeoutMs)));
  return Object.fromEntries(checks.map((c, i) => [c.name, results[i]]));
}

/**
 * `/health/live` (process up, no dependencies), `/health/ready` (critical checks with timeouts; 503
 * problem+json with per-check detail; 503 as soon as shutdown starts) and `/health` (every component,
 * latencies, uptime, version). No auth, no rate limit.
 */
async function healthPlugin(app: FastifyInstance, options: HealthPluginOptions): Promise<void> {
  const { checks, registry, state, serviceName, version } = options;
  if (!Array.isArray(checks)) throw new TypeError('healthPlugin: option "checks" must be an array');
  if (!state || typeof state.ready !== 'boolean' || typeof state.accepting !== 'boolean')
    throw new TypeError('healthPlugin: option "state" is required');
  if (!(options.timeoutMs > 0))
    throw new TypeError('healthPlugin: option "timeoutMs" must be a positive number');
  const startedAt = Date.now();
  const routeConfig = { config: { rateLimit: false, idempotency: false }, logLevel: 'warn' as const };

  app.get('/health/live', routeConfig, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok' };
  });

  app.get('/health/ready', routeConfig, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    if (!state.ready) {
      return sendProblem(request, reply, registry, 'SERVICE_UNAVAILABLE', {
        detail: 'The service is shutting down',
        extensions: { checks: {} },
      });
    }
    const results = await runChecks(
      checks.filter((c) => c.critical),
      options.timeoutMs,
    );
    const down = Object.entries(results).filter(([, r]) => r.status === 'down');
    if (down.length > 0) {
      return sendProblem(request, reply, registry, 'SERVICE_UNAVAILABLE', {
        detail: `Not ready: ${down.map(([name, r]) => `${name} ${r.detail ?? 'down'}`).join('; ')}`,
        extensions: { checks: results },
      });
    }
    return { status: 'ok', checks: results };
  });

  app.get('/health', routeConfig, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    const components = await runChecks(checks, options.timeoutMs);
    const values = Object.values(components);
    const status = !state.ready
      ? 'shutting_down'
      : values.some((c) => c.critical && c.status === 'down')
        ? 'down'
        : values.some((c) => c.status === 'down')
          ? 'degraded'
          : 'ok';
    return {
      status,
      service: serviceName,
      version,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      startedAt: new Date(startedAt).toISOString(),
      components,
    };
  });
}

// Encapsulated on purpose (no fastify-plugin): it only adds routes and decorates nothing.
export default healthPlugin;
export { healthPlugin };
