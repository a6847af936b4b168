import Fastify, { type FastifyPluginAsync } from 'fastify';
import { describe, expect, it } from 'vitest';
import authPlugin from '../auth/auth.js';
import problemPlugin from '../errors/handler.js';
import { ErrorRegistry } from '../errors/registry.js';
import healthPlugin from '../health/health.js';
import metricsPlugin from '../metrics/metrics.js';
import rateLimitPlugin from '../rate-limit/rate-limit.js';
import tracingPlugin from '../tracing/tracing.js';

async function registrationError(plugin: unknown, options: unknown): Promise<string> {
  const app = Fastify();
  try {
    await app.register(plugin as FastifyPluginAsync, options as Record<string, unknown>);
    await app.ready();
  } catch (error) {
    return (error as Error).message;
  } finally {
    await app.close();
  }
  throw new Error('expected registration to fail');
}

describe('plugin options are checked at registration, naming the option', () => {
  const registry = ErrorRegistry.standard('acme', 'orders');
  it.each([
    ['problemPlugin', problemPlugin, {}, 'problemPlugin: option "registry" must be an ErrorRegistry'],
    ['authPlugin', authPlugin, { realm: 'orders' }, 'authPlugin: option "verifier" must be a function'],
    ['authPlugin', authPlugin, { verifier: async () => ({}), realm: 'a"b' }, 'authPlugin: option "realm"'],
    ['tracingPlugin', tracingPlugin, {}, 'tracingPlugin: option "tracing" must come from createTracing()'],
    ['metricsPlugin', metricsPlugin, {}, 'metricsPlugin: option "metrics" must come from createMetrics()'],
    [
      'healthPlugin',
      healthPlugin,
      { registry, checks: [], state: { ready: true, accepting: true }, timeoutMs: 0 },
      'healthPlugin: option "timeoutMs"',
    ],
    [
      'healthPlugin',
      healthPlugin,
      { registry, checks: [], timeoutMs: 10 },
      'healthPlugin: option "state" is required',
    ],
    [
      'rateLimitPlugin',
      rateLimitPlugin,
      { max: 0, windowMs: 1000 },
      'rateLimitPlugin: option "max" must be a positive integer',
    ],
    [
      'rateLimitPlugin',
      rateLimitPlugin,
      { max: 5, windowMs: -1 },
      'rateLimitPlugin: option "windowMs" must be a positive integer',
    ],
  ])('%s', async (_name, plugin, options, message) => {
    expect(await registrationError(plugin, options)).toContain(message);
  });
});
