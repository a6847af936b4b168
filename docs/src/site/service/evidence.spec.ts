import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CatalogGate } from '@shipshape/catalog';
import { evidenceLinks, SourceSet } from './evidence.js';
import { ServicePages } from './pages.js';

const dir = mkdtempSync(join(tmpdir(), 'evidence-'));
mkdirSync(join(dir, 'docs'));
mkdirSync(join(dir, 'reports', 'load'), { recursive: true });
writeFileSync(join(dir, 'docs', 'THREAT_MODEL.md'), '# t\n');
writeFileSync(join(dir, 'docs', 'security.md'), '# s\n');
writeFileSync(join(dir, 'reports', 'load', 'baseline.json'), '{}');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const gate = (over: Partial<CatalogGate>): CatalogGate => ({
  id: 'sec.threat_model',
  group: 'sec',
  title: 't',
  level: 'L3',
  judged: 'automated',
  status: 'AMBER',
  reason: 'stubs remain in docs/THREAT_MODEL.md:1',
  evidence: [],
  ...over,
});

const pages = new ServicePages({
  artifacts: {
    openapi: [],
    asyncapi: [],
    runbooks: [],
    docsDir: 'docs',
    docs: ['docs/THREAT_MODEL.md', 'docs/security.md'],
    bundle: { THREAT_MODEL: 'docs/THREAT_MODEL.md', SECURITY_MODEL: 'docs/security.md' },
    alerts: [],
    slos: [],
  },
});

describe('evidenceLinks', () => {
  it('links file:line to the source view line and a bundle doc to its rendered page', () => {
    const sources = new SourceSet(dir, pages);
    const links = evidenceLinks(
      gate({ evidence: [{ kind: 'file', ref: 'docs/THREAT_MODEL.md', detail: '2 markers' }] }),
      sources,
      '../../',
    );
    expect(links[0]).toContain('href="source/docs/THREAT_MODEL.md.html"');
    expect(links[0]).toContain('href="./docs/THREAT_MODEL"');
    expect(links[1]).toContain('href="source/docs/THREAT_MODEL.md.html#L1"');
    expect([...sources.files]).toEqual(['docs/THREAT_MODEL.md']);
  });

  it('links a bundle doc by the role it plays, whatever its file is called', () => {
    const sources = new SourceSet(dir, pages);
    const links = evidenceLinks(
      gate({ reason: 'ok', evidence: [{ kind: 'file', ref: 'docs/security.md' }] }),
      sources,
      '../../',
    );
    expect(links[0]).toContain('href="source/docs/security.md.html"');
    expect(links[0]).toContain('href="./docs/SECURITY_MODEL"');
  });

  it('links a check id to the check catalog and a report to its published copy', () => {
    const sources = new SourceSet(dir);
    const links = evidenceLinks(
      gate({
        reason: 'ok',
        evidence: [
          { kind: 'conformance', ref: 'tenancy.cross_tenant_read', detail: 'pass' },
          { kind: 'report', ref: 'reports/load/baseline.json' },
          { kind: 'report', ref: 'reports/load/missing.json' },
        ],
      }),
      sources,
      '../../',
    );
    expect(links[0]).toContain('href="../../reference/conformance#tenancy.cross_tenant_read"');
    expect(links[1]).toContain('href="files/reports/load/baseline.json"');
    expect(links[2]).toBe('reports/load/missing.json');
    expect([...sources.reports]).toEqual(['reports/load/baseline.json']);
  });

  it('links house and OWASP lint rules (ids with colons) to their section of the lint rules page', () => {
    const links = evidenceLinks(
      gate({
        reason: 'x',
        evidence: [
          {
            kind: 'lint',
            ref: 'reports/lint/lint.json',
            detail: 'owasp:api9:2023-inventory-access, shipshape-operation-401: 0 errors, 0 warnings',
          },
          { kind: 'lint', ref: 'openapi/svc.yaml:3', detail: 'owasp:api8:2023-no-server-http: use https' },
        ],
      }),
      new SourceSet(dir),
      '../../',
    );
    expect(links[0]).toBe(
      'reports/lint/lint.json: <a href="../../reference/lint-rules#owasp-api-security-rules">owasp:api9:2023-inventory-access</a>, ' +
        '<a href="../../reference/lint-rules#shipshape-operation-401">shipshape-operation-401</a> — 0 errors, 0 warnings',
    );
    expect(links[1]).toBe(
      'openapi/svc.yaml:3: <a href="../../reference/lint-rules#owasp-api-security-rules">owasp:api8:2023-no-server-http</a> — use https',
    );
  });

  it('never links a path that leaves the service folder', () => {
    const sources = new SourceSet(dir);
    expect(
      evidenceLinks(
        gate({ reason: 'x', evidence: [{ kind: 'file', ref: '../../etc/passwd' }] }),
        sources,
        '../../',
      ),
    ).toEqual(['../../etc/passwd']);
  });
});
