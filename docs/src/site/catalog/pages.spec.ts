import { describe, expect, it } from 'vitest';
import type { Catalog, CatalogGate, CatalogService } from '@shipshape/catalog';
import { blockersPage, catalogIndex } from './pages.js';

const gate = (id: string, level: string, status: CatalogGate['status']): CatalogGate => ({
  id,
  group: id.split('.')[0],
  title: id,
  level,
  judged: 'automated',
  status,
  reason: `${id} reason`,
  evidence: [],
});
const service = (name: string, gates: CatalogGate[]): CatalogService => ({
  service: name,
  dir: `services/${name}`,
  level: 'L1',
  target: 'L4',
  evaluatedAt: '2026-01-01T00:00:00Z',
  summary: { GREEN: 0, AMBER: 0, RED: 0 },
  blocking: [],
  gates,
  artifacts: {
    openapi: [],
    asyncapi: [],
    runbooks: [],
    docsDir: 'docs',
    docs: [],
    bundle: {},
    alerts: [],
    slos: [],
  },
});
const catalog = (services: CatalogService[]): Catalog => ({
  schemaVersion: 1,
  generatedAt: '2026-01-01T00:00:00Z',
  services,
});

describe('blockersPage', () => {
  it('lists every RED and AMBER gate up to L4, RED first, and leaves GREEN and L5 gates out', () => {
    const page = blockersPage(
      catalog([
        service('billing', [
          gate('ops.dr_drill', 'L4', 'AMBER'),
          gate('data.rls_enabled', 'L2', 'RED'),
          gate('api.openapi_present', 'L1', 'GREEN'),
          gate('ops.region_failover', 'L5', 'RED'),
        ]),
      ]),
    );
    expect(page).toContain('1 RED and 1 AMBER across 1 service(s)');
    expect(page.indexOf('data.rls_enabled')).toBeLessThan(page.indexOf('ops.dr_drill'));
    expect(page).toContain('href="../services/billing/gates#gate-data-rls_enabled"');
    expect(page).not.toContain('api.openapi_present');
    expect(page).not.toContain('ops.region_failover');
  });

  it('says so when nothing blocks L4', () => {
    expect(blockersPage(catalog([service('a', [gate('x.y', 'L2', 'GREEN')])]))).toContain(
      'Nothing: every service',
    );
  });
});

describe('catalogIndex', () => {
  it('links every service to its page', () => {
    const page = catalogIndex(catalog([service('a', []), service('b', [])]));
    expect(page).toContain('[a](../services/a/)');
    expect(page).toContain('[b](../services/b/)');
    expect(page).not.toContain('adopted');
  });

  it('marks an adopted service and links its API reference, docs and runbooks', () => {
    const adopted: CatalogService = {
      ...service('iam-service', []),
      dir: 'examples/iam-service',
      adopted: true,
      artifacts: {
        ...service('x', []).artifacts,
        openapi: ['openapi/iam-service.yaml'],
        docs: ['docs/overview.md', 'docs/security.md'],
        runbooks: ['ops/runbooks/iam-high-error-rate.md'],
      },
    };
    const page = catalogIndex(catalog([service('orders', []), adopted]));
    expect(page).toContain('1 of them Shipshape did not generate');
    const row = page.split('\n').find((l) => l.startsWith('| [iam-service]'))!;
    expect(row).toContain('<span class="ss-tag">adopted</span>');
    expect(row).toContain(
      '[API](../services/iam-service/api) · [docs](../services/iam-service/#documents) (2) · [runbooks](../services/iam-service/#runbooks) (1)',
    );
  });
});
