import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DescriptorError, loadDescriptor, parseDescriptor } from './load.js';

const minimal = 'descriptorVersion: 1\nname: iam-service\n';
const error = (text: string) => {
  try {
    parseDescriptor(text);
  } catch (e) {
    expect(e).toBeInstanceOf(DescriptorError);
    const message = (e as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected a DescriptorError');
};

describe('parseDescriptor', () => {
  it('accepts a minimal descriptor and a full one', () => {
    expect(parseDescriptor(minimal)).toEqual({ descriptorVersion: 1, name: 'iam-service' });
    const full = parseDescriptor(`
descriptorVersion: 1
name: iam-service
org: melmastoon
tier: t0
owner: "@melmastoon/iam-team"
adopted: true
api: { openapi: [openapi/iam-service.yaml], asyncapi: [] }
data: { migrations: db/migrations, dialect: postgresql, tenancy: row-level, tenantColumn: tenant_id, globalTables: [permissions] }
deploy: { manifests: [deploy/k8s/iam-service.yaml] }
ops: { alerts: [ops/prometheus/iam.rules.yaml], slos: [ops/slos.yaml], dashboards: ops/grafana }
runbooks: { dir: ops/runbooks, urlPattern: "https://wiki.example.com/iam/{slug}" }
docs: { dir: docs, summary: README.md, bundle: { SERVICE_OVERVIEW: docs/overview.md } }
errors: { registry: errors/error-codes.yaml }
readiness: { file: infra/readiness/iam-service.yaml, attestations: infra/readiness/attestations.yaml }
local: { command: npm start, healthUrl: "http://127.0.0.1:{port}/healthz", portEnv: PORT, conformanceConfig: conformance.config.json }
reports: { dir: reports, lint: reports/lint, conformance: reports/conformance }
`);
    expect(full.data?.globalTables).toEqual(['permissions']);
    expect(full.docs?.bundle?.SERVICE_OVERVIEW).toBe('docs/overview.md');
  });

  it('names the unknown key', () => {
    expect(error(`${minimal}api: { openapix: [a.yaml] }\n`)).toBe('shipshape.yaml: unknown key api.openapix');
    expect(error(`${minimal}docs: { bundle: { OVERVIEW: docs/o.md } }\n`)).toBe(
      'shipshape.yaml: unknown key docs.bundle.OVERVIEW',
    );
  });

  it('names the missing key', () => {
    expect(error('name: iam-service\n')).toBe('shipshape.yaml: missing key descriptorVersion');
  });

  it('names the key with a wrong value and the allowed ones', () => {
    expect(error(`${minimal}data: { tenancy: rls }\n`)).toBe(
      'shipshape.yaml: data.tenancy must be one of row-level, none (got "rls")',
    );
    expect(error(`${minimal}tier: gold\n`)).toBe(
      'shipshape.yaml: tier must be one of t0, t1, t2 (got "gold")',
    );
    expect(error(`${minimal}runbooks: { urlPattern: "https://wiki/x" }\n`)).toBe(
      'shipshape.yaml: runbooks.urlPattern must contain {alert} or {slug} (got "https://wiki/x")',
    );
    expect(error(`${minimal}api: { openapi: openapi/x.yaml }\n`)).toBe(
      'shipshape.yaml: api.openapi must be array (got "openapi/x.yaml")',
    );
  });

  it('refuses paths that leave the service folder', () => {
    expect(error(`${minimal}data: { migrations: ../db }\n`)).toMatch(
      /^shipshape.yaml: data.migrations must match/,
    );
    expect(error(`${minimal}errors: { registry: /etc/codes.yaml }\n`)).toMatch(/errors.registry must match/);
    expect(parseDescriptor(`${minimal}data: { migrations: db/..migrations }\n`).data?.migrations).toBe(
      'db/..migrations',
    );
  });

  it("carries shipshape diff's per-service downgrades, each with a reason", () => {
    const withDowngrade = `${minimal}diff:\n  downgrades:\n    - { rule: path-removed, to: warning, reason: unused (90 days of logs), pointer: /paths/~1a }\n`;
    expect(parseDescriptor(withDowngrade).diff?.downgrades?.[0]).toEqual({
      rule: 'path-removed',
      to: 'warning',
      reason: 'unused (90 days of logs)',
      pointer: '/paths/~1a',
    });
    expect(error(`${minimal}diff: { downgrades: [{ rule: path-removed, to: warning }] }\n`)).toBe(
      'shipshape.yaml: missing key diff.downgrades.0.reason',
    );
    expect(error(`${minimal}diff: { downgrades: [{ rule: path-removed, to: error, reason: x }] }\n`)).toBe(
      'shipshape.yaml: diff.downgrades.0.to must be one of warning, info (got "error")',
    );
    expect(parseDescriptor(`${minimal}reports: { diff: ci/diff }\n`).reports?.diff).toBe('ci/diff');
  });

  it('reports broken YAML with its line', () => {
    expect(error('descriptorVersion: 1\nname: [a\n')).toMatch(/^shipshape.yaml:\d+: not valid YAML: /);
  });
});

describe('loadDescriptor', () => {
  const dir = mkdtempSync(join(tmpdir(), 'descriptor-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is undefined without shipshape.yaml, the parsed file with one', () => {
    expect(loadDescriptor(dir)).toBeUndefined();
    writeFileSync(join(dir, 'shipshape.yaml'), minimal);
    expect(loadDescriptor(dir)?.name).toBe('iam-service');
  });
});
