import { DURATION_BUCKETS, METRICS } from '@shipshape/contracts';
import Fastify from 'fastify';
import type { Histogram } from 'prom-client';
import { describe, expect, it } from 'vitest';
import metricsPlugin, { createMetrics } from './metrics.js';

describe('the metric catalog of @shipshape/contracts', () => {
  it('names, types and labels exactly what the runtime registers (alerts, SLOs and dashboards query it)', async () => {
    const metrics = createMetrics({ serviceName: 'orders' });
    const app = Fastify();
    await app.register(metricsPlugin, { metrics });
    await app.ready();
    const registered = await metrics.registry.getMetricsAsJSON();
    const byName = new Map(registered.map((m) => [m.name, m]));
    for (const def of METRICS) {
      const metric = byName.get(def.name);
      expect(metric, def.name).toBeDefined();
      expect(metric!.type, def.name).toBe(def.type);
      if ('processDefault' in def && def.processDefault) continue;
      const labels = (metrics.registry.getSingleMetric(def.name) as unknown as { labelNames: string[] })
        .labelNames;
      expect([...labels].sort(), def.name).toEqual([...def.labels].sort());
    }
    const own = registered.filter((m) => !/^(process_|nodejs_)/.test(m.name)).map((m) => m.name);
    expect(own.sort()).toEqual(
      METRICS.filter((m) => !('processDefault' in m))
        .map((m) => m.name)
        .sort(),
    );
    const duration = metrics.registry.getSingleMetric(
      'http_request_duration_seconds',
    ) as unknown as Histogram & {
      upperBounds: number[];
    };
    expect(duration.upperBounds).toEqual(DURATION_BUCKETS);
    await app.close();
  });
});
