import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig, readErrorCodes, resolveConfig } from './config.js';

describe('config', () => {
  it('defaults to the runtime behaviour table of a generated service', async () => {
    const config = await resolveConfig();
    expect(config).toMatchObject({
      // Detected from the spec's paths when not configured (the runner fills it in).
      apiPrefixConfigured: false,
      health: { live: '/health/live', ready: '/health/ready', health: '/health', metrics: '/metrics' },
      crossTenantStatuses: [404],
      idempotencyHeader: 'Idempotency-Key',
      replayHeader: 'Idempotent-Replayed',
      tenantClaim: 'tenant_id',
      methodNotAllowedStatus: 405,
    });
  });

  it('reads an error-code registry in its list, map or prefixed shapes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shipshape-codes-'));
    await writeFile(
      join(dir, 'list.yaml'),
      'codes:\n  - code: ACME.ORDERS.ORDER_NOT_FOUND\n    status: 404\n',
    );
    await writeFile(join(dir, 'map.yaml'), 'prefix: ACME.ORDERS\nORDER_NOT_FOUND:\n  status: 404\n');
    expect([...(await readErrorCodes(join(dir, 'list.yaml')))]).toEqual(['ACME.ORDERS.ORDER_NOT_FOUND']);
    expect(await readErrorCodes(join(dir, 'map.yaml'))).toEqual(
      new Set(['ORDER_NOT_FOUND', 'ACME.ORDERS.ORDER_NOT_FOUND']),
    );
    const config = await resolveConfig(
      { errorCodes: 'list.yaml', tenancy: { crossTenantStatuses: [403, 404] } },
      dir,
    );
    expect(config.errorCodes).toEqual(new Set(['ACME.ORDERS.ORDER_NOT_FOUND']));
    expect(config.crossTenantStatuses).toEqual([403, 404]);
  });

  it('validates nested members against config.schema.json, naming the member', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shipshape-config-'));
    const cases: Array<[unknown, string]> = [
      [{ tenancy: { crossTenantStatus: [403] } }, 'unknown member "crossTenantStatus" in "tenancy"'],
      [{ tenancy: { crossTenantStatuses: [500] } }, '"tenancy.crossTenantStatuses.0" must be <= 499'],
      [{ idempotency: { exempt: ['GET /x'] } }, '"idempotency.exempt.0" must match pattern "^POST /"'],
      [{ health: { live: 'health/live' } }, '"health.live" must match pattern "^/"'],
      [{ concurrency: 0 }, '"concurrency" must be >= 1'],
    ];
    for (const [config, message] of cases) {
      await writeFile(join(dir, 'c.json'), JSON.stringify(config));
      await expect(readConfig(join(dir, 'c.json'))).rejects.toThrow(
        `config ${join(dir, 'c.json')}: ${message}`,
      );
    }
  });

  it('accepts the config the generator writes for services/orders', async () => {
    const file = new URL('../../services/orders/conformance.config.json', import.meta.url).pathname;
    const { config } = await readConfig(file);
    expect(config.resource).toBe('/api/v1/orders');
    await expect(resolveConfig(config, join(file, '..'))).resolves.toMatchObject({ apiPrefix: '/api/v1' });
  });

  it('refuses unknown members and bad numbers with one line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shipshape-config-'));
    await writeFile(join(dir, 'c.json'), '{"concurency": 2}');
    await expect(readConfig(join(dir, 'c.json'))).rejects.toThrow(/unknown member "concurency"/);
    await expect(resolveConfig({ concurrency: 0 })).rejects.toThrow(
      'config: concurrency must be a positive integer',
    );
  });
});
