import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveLayout, runbookUrl } from './layout.js';
import { DescriptorError } from './load.js';

const root = mkdtempSync(join(tmpdir(), 'layout-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function service(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

describe('resolveLayout without a descriptor (the generated layout)', () => {
  const dir = service('orders', {
    'openapi/orders.yaml': 'openapi: 3.1.0',
    'openapi/notes.txt': 'not a spec',
    'asyncapi/orders.yaml': 'asyncapi: 3.0.0',
  });
  const layout = resolveLayout(dir);

  it('names every artifact where the generator writes it', () => {
    expect(layout).toMatchObject({
      root: dir,
      name: 'orders',
      adopted: false,
      openapi: { from: ['openapi/'], files: ['openapi/orders.yaml'] },
      asyncapi: { from: ['asyncapi/'], files: ['asyncapi/orders.yaml'] },
      migrations: { dir: 'migrations', dialect: 'postgresql' },
      tenancy: 'row-level',
      tenantColumn: 'tenant_id',
      globalTables: [],
      deploy: { helm: 'helm/orders', manifests: [] },
      alerts: ['ops/alerts.yaml'],
      slos: ['ops/slos.yaml'],
      dashboards: 'ops/dashboards',
      runbooks: { dir: 'runbooks' },
      errorRegistry: 'errors/error-codes.yaml',
      readiness: { file: 'readiness.yaml', attestations: 'readiness/attestations.yaml' },
      local: {
        healthUrl: 'http://127.0.0.1:{port}/health/ready',
        portEnv: 'PORT',
        conformanceConfig: 'conformance.config.json',
      },
      reports: {
        dir: 'reports',
        lint: 'reports/lint',
        conformance: 'reports/conformance',
        diff: 'reports/diff',
      },
    });
    expect(layout.descriptorFile).toBeUndefined();
    expect(layout.docs.bundle.API_CONTRACT).toBe('docs/API_CONTRACT.md');
    expect(Object.keys(layout.docs.bundle)).toHaveLength(17);
    expect(layout.abs('ops/alerts.yaml')).toBe(join(dir, 'ops/alerts.yaml'));
  });

  it('resolves a generated service with a descriptor naming only who it is exactly as without one', () => {
    const withFile = service('orders2', {
      'shipshape.yaml':
        'descriptorVersion: 1\nname: orders2\norg: acme\ntier: t1\nowner: "@acme/orders-team"\n',
    });
    const {
      root: r1,
      descriptorFile,
      descriptor,
      org,
      tier,
      owner,
      abs: a1,
      ...withDescriptor
    } = resolveLayout(withFile);
    const { root: r2, abs: a2, ...without } = resolveLayout(service('orders2-bare', {}));
    expect([descriptorFile, org, tier, owner]).toEqual([
      join(withFile, 'shipshape.yaml'),
      'acme',
      't1',
      '@acme/orders-team',
    ]);
    expect(descriptor?.name).toBe('orders2');
    expect({ ...withDescriptor, name: 'x', deploy: {} }).toEqual({ ...without, name: 'x', deploy: {} });
    expect(withDescriptor.deploy).toEqual({ helm: 'helm/orders2', manifests: [] });
    expect([r1, r2, a1, a2].every(Boolean)).toBe(true);
  });
});

describe('resolveLayout with a descriptor (an adopted service)', () => {
  const dir = service('iam', {
    'shipshape.yaml': `descriptorVersion: 1
name: iam-service
api: { openapi: [openapi/iam-service.yaml, contracts/], asyncapi: [] }
data: { migrations: db/migrations/, tenancy: row-level, tenantColumn: org_id, globalTables: [permissions] }
deploy: { manifests: [deploy/k8s/] }
ops: { alerts: [ops/prometheus/iam.rules.yaml] }
runbooks: { dir: ops/runbooks, urlPattern: "https://wiki.example.com/iam/{slug}" }
docs: { dir: handbook, bundle: { SERVICE_OVERVIEW: handbook/overview.md } }
readiness: { file: infra/readiness/iam-service.yaml }
reports: { dir: ci-out }
`,
    'openapi/iam-service.yaml': 'openapi: 3.1.0',
    'contracts/b.json': '{}',
    'contracts/a.yml': 'x: 1',
  });
  const layout = resolveLayout(dir);

  it('takes every configured location, expanding folders to their spec files', () => {
    expect(layout.name).toBe('iam-service');
    expect(layout.openapi.files).toEqual(['openapi/iam-service.yaml', 'contracts/a.yml', 'contracts/b.json']);
    expect(layout.asyncapi).toEqual({ from: [], files: [] });
    expect(layout.migrations.dir).toBe('db/migrations');
    expect([layout.tenantColumn, layout.globalTables]).toEqual(['org_id', ['permissions']]);
    expect(layout.deploy).toEqual({ manifests: ['deploy/k8s'] });
    expect(layout.alerts).toEqual(['ops/prometheus/iam.rules.yaml']);
    expect(layout.slos).toEqual(['ops/slos.yaml']);
    expect(layout.runbooks).toEqual({
      dir: 'ops/runbooks',
      urlPattern: 'https://wiki.example.com/iam/{slug}',
    });
    expect(layout.docs.bundle.SERVICE_OVERVIEW).toBe('handbook/overview.md');
    expect(layout.docs.bundle.DATA_MODEL).toBe('handbook/DATA_MODEL.md');
    expect(layout.readiness.file).toBe('infra/readiness/iam-service.yaml');
    expect(layout.reports).toEqual({
      dir: 'ci-out',
      lint: 'ci-out/lint',
      conformance: 'ci-out/conformance',
      diff: 'ci-out/diff',
    });
  });

  it('keeps a named spec file that does not exist (so the tool can say it is missing)', () => {
    const d = service('missing', {
      'shipshape.yaml': 'descriptorVersion: 1\nname: missing\napi: { openapi: [spec/api.yaml, nowhere/] }\n',
    });
    expect(resolveLayout(d).openapi.files).toEqual(['spec/api.yaml']);
  });

  it('throws the descriptor error of an invalid shipshape.yaml', () => {
    const d = service('bad', { 'shipshape.yaml': 'descriptorVersion: 2\nname: bad\n' });
    expect(() => resolveLayout(d)).toThrow(DescriptorError);
    expect(() => resolveLayout(d)).toThrow('shipshape.yaml: descriptorVersion must be 1 (got 2)');
  });

  it('fills a runbook URL pattern', () => {
    expect(runbookUrl('https://wiki/{slug}?a={alert}', 'IamHighErrors', 'iam-high-errors')).toBe(
      'https://wiki/iam-high-errors?a=IamHighErrors',
    );
  });
});

describe('the committed generated example services/orders', () => {
  const orders = join(import.meta.dirname, '..', '..', '..', '..', 'services', 'orders');

  it('has a shipshape.yaml that loads and resolves exactly as the generated layout', () => {
    const layout = resolveLayout(orders);
    expect(layout.descriptor).toEqual({
      descriptorVersion: 1,
      name: 'orders',
      org: 'acme',
      tier: 't1',
      owner: '@acme/orders-team',
    });
    expect(layout).toMatchObject({
      openapi: { from: ['openapi/'], files: ['openapi/orders.yaml'] },
      asyncapi: { files: ['asyncapi/orders.yaml'] },
      migrations: { dir: 'migrations' },
      deploy: { helm: 'helm/orders', manifests: [] },
      alerts: ['ops/alerts.yaml'],
      runbooks: { dir: 'runbooks' },
      errorRegistry: 'errors/error-codes.yaml',
    });
    for (const path of [
      ...layout.openapi.files,
      ...layout.alerts,
      ...layout.slos,
      layout.errorRegistry,
      layout.migrations.dir,
      layout.deploy.helm!,
      ...Object.values(layout.docs.bundle),
    ])
      expect([path, existsSync(layout.abs(path))]).toEqual([path, true]);
  });
});
